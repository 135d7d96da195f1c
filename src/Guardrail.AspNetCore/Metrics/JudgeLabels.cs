namespace Guardrail.AspNetCore.Metrics;

/// <summary>
/// The bounded label values of the judge metrics (DESIGN.md §9): both counters are created with every value at zero,
/// so the feedback dashboard and its alerts see (zero) series before the judge has evaluated anything.
/// </summary>
public static class JudgeLabels
{
    /// <summary>
    /// The <c>outcome</c> of one judge evaluation: it found a principle <c>violated</c>, found the exchange
    /// <c>clean</c>, answered with JSON that did not match the schema (<c>invalid</c>), or the call failed or timed
    /// out (<c>error</c>).
    /// </summary>
    public static readonly string[] Outcomes = ["violated", "clean", "invalid", "error"];

    /// <summary>
    /// The <c>category</c> of a disagreement between the judge and the fast checks: the categories of the shipped
    /// rules (a rule's category defaults to the first segment of its id).
    /// </summary>
    public static readonly string[] Categories = ["pii", "injection", "toxicity", "insult", "hate", "threat", "profanity", "grounding"];
}
