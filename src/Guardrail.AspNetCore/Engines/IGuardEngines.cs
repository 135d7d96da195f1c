using Guardrail.Rules;

namespace Guardrail.AspNetCore.Engines;

/// <summary>Hands out the rule engine for a policy, built from the rule set currently loaded.</summary>
public interface IGuardEngines
{
    /// <summary>The engine for <paramref name="policy"/> (the default policy when null); null when no such policy is loaded.</summary>
    RuleEngine? Get(string? policy);

    /// <summary>True once a valid rule set has been loaded.</summary>
    bool IsReady { get; }
}
