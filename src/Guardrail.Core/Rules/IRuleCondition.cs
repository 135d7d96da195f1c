using Guardrail.Verdicts;

namespace Guardrail.Rules;

/// <summary>A rule's <c>when:</c> clause: evaluates one text and says where it matched.</summary>
public interface IRuleCondition
{
    /// <summary>Evaluates the condition; never throws for expected conditions.</summary>
    ConditionResult Evaluate(RuleContext context);

    /// <summary>Detector names this condition needs (for validation at load time).</summary>
    IEnumerable<string> Detectors { get; }
}

/// <summary>One place a condition matched.</summary>
/// <param name="Span">Where in the target's text; null for a whole-text match.</param>
/// <param name="Score">Strength in [0, 1].</param>
/// <param name="Threshold">The threshold it passed.</param>
/// <param name="Explanation">A sentence a reviewer can read.</param>
/// <param name="Evidence">Structured evidence.</param>
public sealed record ConditionMatch(TextSpan? Span, double Score, double Threshold, string Explanation, System.Text.Json.Nodes.JsonObject? Evidence = null)
{
    /// <summary>The explanation to use when the finding withholds its text (block, redact): one that quotes none of it.</summary>
    public string? WithheldExplanation { get; init; }

    /// <summary>
    /// True when <see cref="Score"/> is a classifier's score compared with <see cref="Threshold"/> (a <c>classifier:</c>
    /// condition): the finding's explanation then states the threshold the rule applied.
    /// </summary>
    public bool IsClassifierScore { get; init; }
}

/// <summary>The outcome of a condition on one text.</summary>
public sealed record ConditionResult(bool Matched, IReadOnlyList<ConditionMatch> Matches)
{
    /// <summary>No match.</summary>
    public static readonly ConditionResult None = new(false, []);
}
