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
    /// The <c>category</c> of an agreement or disagreement between the judge and the fast checks: a principle's first
    /// category in the constitution. Pre-created for the shipped rules' categories (a rule's category defaults to the first
    /// segment of its id); a constitution naming others adds their series.
    /// </summary>
    public static readonly string[] Categories = ["pii", "injection", "toxicity", "insult", "hate", "threat", "profanity", "grounding"];

    /// <summary>Why an exchange was judged: its score lay in the <c>uncertain</c> band, it was drawn in the <c>sample</c>, it is a <c>revision</c> being checked, or its route asks for a <c>sync</c> judge.</summary>
    public static readonly string[] Reasons = ["uncertain", "sample", "revision", "sync"];

    /// <summary>The outcome label of a judge call.</summary>
    public static string OutcomeOf(Guardrail.Judging.JudgeOutcome outcome) => outcome.Error switch
    {
        null => outcome.AnyViolated ? "violated" : "clean",
        Guardrail.Judging.JudgeErrors.Unavailable or Guardrail.Judging.JudgeErrors.Timeout => "error",
        _ => "invalid",
    };
}
