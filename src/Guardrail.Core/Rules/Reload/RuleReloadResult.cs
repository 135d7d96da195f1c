using Guardrail.Rules.Loading;

namespace Guardrail.Rules.Reload;

/// <summary>The outcome of one reload attempt, raised so metrics can count <c>guardrail_rules_reloads_total{result}</c>.</summary>
/// <param name="Success">True when the new files loaded and were swapped in.</param>
/// <param name="Errors">Every error when the load failed (the previous snapshot stays in force).</param>
/// <param name="Current">The snapshot in force after the attempt.</param>
public sealed record RuleReloadResult(bool Success, IReadOnlyList<RuleError> Errors, RuleSetSnapshot Current)
{
    /// <summary>The metric label: <c>success</c> or <c>failure</c>.</summary>
    public string Result => Success ? "success" : "failure";
}
