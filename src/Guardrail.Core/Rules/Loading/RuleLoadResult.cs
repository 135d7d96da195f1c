using Guardrail.Policies;

namespace Guardrail.Rules.Loading;

/// <summary>The outcome of loading a rules folder: the rule set and policies, or every error found.</summary>
public sealed record RuleLoadResult
{
    /// <summary>The loaded rules; null when any file had an error, so a bad folder is never half-applied.</summary>
    public RuleSet? RuleSet { get; init; }

    /// <summary>Policies by name; always holds <c>default</c> (the built-in one when the folder has none).</summary>
    public IReadOnlyDictionary<string, Policy> Policies { get; init; } = new Dictionary<string, Policy>();

    /// <summary>Every problem, ordered by file, line and column.</summary>
    public IReadOnlyList<RuleError> Errors { get; init; } = [];

    /// <summary>True when nothing was wrong.</summary>
    public bool Success => Errors.Count == 0 && RuleSet is not null;
}

/// <summary>The outcome of loading a single rule file.</summary>
/// <param name="Rule">The rule; null when the file had an error.</param>
/// <param name="Errors">Every problem found in the file.</param>
public sealed record RuleFileResult(Rule? Rule, IReadOnlyList<RuleError> Errors)
{
    /// <summary>True when the file holds a valid rule.</summary>
    public bool Success => Rule is not null && Errors.Count == 0;
}
