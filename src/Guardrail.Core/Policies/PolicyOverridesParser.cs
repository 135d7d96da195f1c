using Guardrail.Rules;
using Guardrail.Rules.Loading;
using Guardrail.Verdicts;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Policies;

/// <summary>Parses a policy's <c>overrides:</c> section, keyed by rule id or id pattern, reporting every error at its node.</summary>
internal static class PolicyOverridesParser
{
    private static readonly string[] Keys = ["action", "above", "enabled"];
    private static readonly string[] Actions = ["allow", "flag", "redact", "block"];

    /// <param name="y">The policy file.</param>
    /// <param name="node">The section's value.</param>
    /// <param name="rules">Every rule id in the folder, with the rule when it loaded without errors.</param>
    public static Dictionary<string, RuleOverride> Parse(YamlFile y, YamlNode node, IReadOnlyDictionary<string, Rule?> rules)
    {
        var result = new Dictionary<string, RuleOverride>(StringComparer.Ordinal);
        if (y.Mapping(node, "'overrides'") is not { } map) return result;
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                y.Error(keyNode, "override keys must be rule ids or patterns");
                continue;
            }
            var named = Named(y, keyNode, key, rules);
            if (y.Mapping(value, $"the override for '{key}'") is not { } o) continue;
            var keys = y.Keys(o, Keys, "override");
            Decision? action = null;
            if (keys.TryGetValue("action", out var a) && y.Choice(a.Value, "action", Actions) is { } text)
            {
                DecisionExtensions.TryParseWire(text, out var parsed);
                action = parsed;
                // A pattern may reach rules written later without a mask: every one it names must have one.
                if (parsed == Decision.Redact && named.FirstOrDefault(r => r is { Mask: null }) is { } maskless)
                    y.Error(a.Value, $"action redact needs rule '{maskless.Id}' to have a mask");
            }
            var above = keys.TryGetValue("above", out var ab) ? y.Threshold(ab.Value, "above") : null;
            var enabled = keys.TryGetValue("enabled", out var en) ? y.Bool(en.Value, "enabled") : null;
            result[key] = new RuleOverride(action, above, enabled);
        }
        return result;
    }

    // The loaded rules a key names; an id that names no rule, or a pattern that matches none, is reported.
    private static List<Rule?> Named(YamlFile y, YamlNode keyNode, string key, IReadOnlyDictionary<string, Rule?> rules)
    {
        if (!key.EndsWith('*'))
        {
            if (rules.TryGetValue(key, out var rule)) return [rule];
            var hint = KeySuggestion.Closest(key, rules.Keys) is { } s ? $"; did you mean '{s}'?" : "";
            y.Error(keyNode, $"override for unknown rule '{key}'{hint}");
            return [];
        }
        if (!PolicyParser.IsPattern(key))
        {
            y.Error(keyNode, $"invalid override pattern '{key}'; use a rule id or a prefix ending in * (e.g. pii.prompt.*)");
            return [];
        }
        var matched = rules.Where(r => PolicyRules.Matches(key, r.Key)).Select(r => r.Value).ToList();
        if (matched.Count == 0) y.Error(keyNode, $"override pattern '{key}' matches no rule");
        return matched;
    }
}
