namespace Guardrail.Rules.Conditions;

/// <summary>Matches when at least one child matches; the matches are those of every matching child (<c>any:</c>).</summary>
public sealed class AnyCondition(IReadOnlyList<IRuleCondition> children) : IRuleCondition
{
    /// <summary>The alternatives.</summary>
    public IReadOnlyList<IRuleCondition> Children { get; } = children;

    /// <inheritdoc />
    public IEnumerable<string> Detectors => Children.SelectMany(c => c.Detectors).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public ConditionResult Evaluate(RuleContext context)
    {
        List<ConditionMatch>? matches = null;
        // Every child runs, not just up to the first hit, so each offending span is reported (and redacted).
        foreach (var child in Children)
        {
            var result = child.Evaluate(context);
            if (result.Matched) (matches ??= []).AddRange(result.Matches);
        }
        return matches is null ? ConditionResult.None : new ConditionResult(true, matches);
    }
}
