namespace Guardrail.Policies;

/// <summary>Decides which rules a policy enables and with which overrides.</summary>
public static class PolicyRules
{
    /// <summary>True when <paramref name="ruleId"/> is enabled by <paramref name="policy"/>'s patterns and not switched off.</summary>
    public static bool Enables(Policy policy, string ruleId)
    {
        if (OverrideFor(policy, ruleId) is { Enabled: false }) return false;
        if (policy.Rules.Count == 0) return true;
        foreach (var pattern in policy.Rules)
        {
            if (Matches(pattern, ruleId)) return true;
        }
        return false;
    }

    /// <summary>
    /// The settings <paramref name="policy"/>'s overrides give <paramref name="ruleId"/>, or null when none applies. Each
    /// setting comes from the most specific entry that sets it: the exact id, then the longest matching pattern; so
    /// <c>pii.prompt.*: { action: redact }</c> with <c>pii.prompt.ipv4: { above: 0.9 }</c> redacts IPv4 addresses above 0.9.
    /// </summary>
    public static RuleOverride? OverrideFor(Policy policy, string ruleId)
    {
        if (policy.Overrides.Count == 0) return null;
        RuleOverride? merged = null;
        foreach (var (_, o) in policy.Overrides.Where(kv => Matches(kv.Key, ruleId)).OrderByDescending(kv => Specificity(kv.Key)))
        {
            merged = merged is null ? o : new RuleOverride(merged.Action ?? o.Action, merged.Above ?? o.Above, merged.Enabled ?? o.Enabled);
        }
        return merged;
    }

    /// <summary>True when <paramref name="pattern"/> (a rule id, <c>*</c>, or a prefix ending in <c>*</c>) names <paramref name="id"/>.</summary>
    public static bool Matches(string pattern, string id)
    {
        if (pattern == "*") return true;
        if (pattern.EndsWith('*')) return id.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase);
        return string.Equals(pattern, id, StringComparison.OrdinalIgnoreCase);
    }

    // An exact id beats every pattern; among patterns, the longer prefix is the more specific.
    private static int Specificity(string pattern) => pattern.EndsWith('*') ? pattern.Length - 1 : int.MaxValue;
}
