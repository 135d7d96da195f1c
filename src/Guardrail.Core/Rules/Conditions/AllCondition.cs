namespace Guardrail.Rules.Conditions;

/// <summary>Matches only when every child matches; the matches are all children's together (<c>all:</c>).</summary>
public sealed class AllCondition(IReadOnlyList<IRuleCondition> children) : IRuleCondition
{
    /// <summary>The conditions that must all hold.</summary>
    public IReadOnlyList<IRuleCondition> Children { get; } = children;

    /// <inheritdoc />
    public IEnumerable<string> Detectors => Children.SelectMany(c => c.Detectors).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public ConditionResult Evaluate(RuleContext context)
    {
        var matches = new List<ConditionMatch>();
        foreach (var child in Children)
        {
            var result = child.Evaluate(context);
            if (!result.Matched) return ConditionResult.None; // later children cannot change the outcome
            matches.AddRange(result.Matches);
        }
        return Children.Count == 0 ? ConditionResult.None : new ConditionResult(true, matches);
    }
}
