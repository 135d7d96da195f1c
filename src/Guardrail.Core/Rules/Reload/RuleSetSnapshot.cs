using Guardrail.Policies;

namespace Guardrail.Rules.Reload;

/// <summary>An immutable, consistent view of the rules and policies in force, swapped whole on reload.</summary>
/// <param name="RuleSet">The rules.</param>
/// <param name="Policies">Policies by name; always holds <c>default</c>.</param>
/// <param name="LoadedAt">When this snapshot was loaded.</param>
public sealed record RuleSetSnapshot(RuleSet RuleSet, IReadOnlyDictionary<string, Policy> Policies, DateTimeOffset LoadedAt);
