namespace Guardrail.Audit;

/// <summary>A reviewer's judgement of a verdict.</summary>
public enum LabelKind
{
    /// <summary>The decision was right.</summary>
    Correct,
    /// <summary>The guard acted on something harmless.</summary>
    FalsePositive,
    /// <summary>The guard missed something it should have acted on.</summary>
    FalseNegative,
}

/// <summary>A human label on a stored verdict.</summary>
/// <param name="VerdictId">The verdict labelled.</param>
/// <param name="Kind">The judgement.</param>
/// <param name="Note">Free text (bounded by the API).</param>
/// <param name="Time">When it was posted.</param>
public sealed record HumanLabel(string VerdictId, LabelKind Kind, string? Note, DateTimeOffset Time)
{
    /// <summary>The category the label speaks for (<c>insult</c>, <c>injection</c>, …): what a false negative missed; null for the verdict's own findings.</summary>
    public string? Category { get; init; }
}
