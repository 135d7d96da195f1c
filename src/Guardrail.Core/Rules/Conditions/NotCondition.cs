namespace Guardrail.Rules.Conditions;

/// <summary>Matches the whole text when its child does not match (<c>not:</c>).</summary>
public sealed class NotCondition(IRuleCondition child) : IRuleCondition
{
    /// <summary>The negated condition.</summary>
    public IRuleCondition Child { get; } = child;

    /// <inheritdoc />
    public IEnumerable<string> Detectors => Child.Detectors;

    /// <inheritdoc />
    public ConditionResult Evaluate(RuleContext context) =>
        Child.Evaluate(context).Matched
            ? ConditionResult.None
            : new ConditionResult(true, [new ConditionMatch(null, 1.0, 1.0, "The negated condition did not match.")]);
}
