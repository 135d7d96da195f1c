using Guardrail.Rules.Conditions;

namespace Guardrail.Rules;

/// <summary>
/// A threshold an active rule applies to a score the verdict reports: a classifier condition's category
/// (<c>insult</c>), another detector's name (<c>injection</c>). The judge's uncertainty band is measured around these.
/// </summary>
/// <param name="Rule">The rule's id.</param>
/// <param name="Category">The rule's category.</param>
/// <param name="ScoreKey">The key of <c>verdict.scores</c> the threshold applies to.</param>
/// <param name="Threshold">The threshold in force (the policy's override, else the rule's own).</param>
public sealed record RuleThreshold(string Rule, string Category, string ScoreKey, double Threshold)
{
    /// <summary>The thresholds of a rule's condition (its detector conditions, inside <c>all</c> and <c>any</c> too).</summary>
    public static IEnumerable<RuleThreshold> Of(Rule rule, double? above)
    {
        foreach (var condition in DetectorConditions(rule.When))
        {
            var threshold = above ?? condition.Above;
            if (condition.IsClassifier && condition.Kinds.Count > 0)
            {
                foreach (var kind in condition.Kinds) yield return new RuleThreshold(rule.Id, rule.Category, kind, threshold);
            }
            else
            {
                yield return new RuleThreshold(rule.Id, rule.Category, condition.Detector, threshold);
            }
        }
    }

    private static IEnumerable<DetectorCondition> DetectorConditions(IRuleCondition condition) => condition switch
    {
        DetectorCondition d => [d],
        AllCondition all => all.Children.SelectMany(DetectorConditions),
        AnyCondition any => any.Children.SelectMany(DetectorConditions),
        _ => [], // a negated condition has no threshold to be near
    };
}
