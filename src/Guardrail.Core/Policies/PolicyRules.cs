namespace Guardrail.Policies;

/// <summary>Decides which rules a policy enables.</summary>
public static class PolicyRules
{
    /// <summary>True when <paramref name="ruleId"/> is enabled by <paramref name="policy"/>'s patterns and not switched off.</summary>
    public static bool Enables(Policy policy, string ruleId)
    {
        if (policy.Overrides.TryGetValue(ruleId, out var o) && !o.Enabled) return false;
        if (policy.Rules.Count == 0) return true;
        foreach (var pattern in policy.Rules)
        {
            if (Glob(pattern, ruleId)) return true;
        }
        return false;
    }

    private static bool Glob(string pattern, string id)
    {
        if (pattern == "*") return true;
        if (pattern.EndsWith('*')) return id.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase);
        return string.Equals(pattern, id, StringComparison.OrdinalIgnoreCase);
    }
}
