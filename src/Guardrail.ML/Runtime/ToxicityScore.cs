namespace Guardrail.ML.Runtime;

/// <summary>The toxicity models' scores for one text.</summary>
/// <param name="Language">The language whose models scored it (<c>en</c> or <c>zh</c>).</param>
/// <param name="Categories">One score per category the language supports.</param>
public sealed record ToxicityScore(string Language, IReadOnlyList<CategoryScore> Categories)
{
    /// <summary>The score of <paramref name="category"/>, or null when the language has no model for it.</summary>
    public CategoryScore? this[string category] => Categories.FirstOrDefault(c => c.Category == category);
}

/// <summary>One category's calibrated probability, its thresholds, and the n-grams that pushed it up most.</summary>
/// <param name="Category">Category, e.g. <c>toxicity</c> or <c>hate</c>.</param>
/// <param name="Probability">Calibrated probability (Platt scaling).</param>
/// <param name="Threshold">Flag threshold chosen on dev (F1-optimal).</param>
/// <param name="Contributions">Top positive contributions, largest first.</param>
public sealed record CategoryScore(string Category, float Probability, float Threshold, IReadOnlyList<NgramContribution> Contributions)
{
    /// <summary>Stricter threshold for blocking, chosen on dev for precision ≥ 0.90 (1: never blocks); defaults to <see cref="Threshold"/>.</summary>
    public float BlockThreshold { get; init; } = Threshold;

    /// <summary>Whether the probability reaches the (flag) threshold.</summary>
    public bool Exceeds => Probability >= Threshold;

    /// <summary>Whether the probability reaches the block threshold; never when it is 1 (the model is not precise enough to block on).</summary>
    public bool ExceedsBlock => BlockThreshold < 1f && Probability >= BlockThreshold;
}

/// <summary>A feature's contribution to the linear score (weight × feature value) and the n-grams of the text that produced it.</summary>
/// <param name="Ngrams">The n-grams hashed to this feature; character n-grams show word boundaries as &lt; and &gt;.</param>
/// <param name="Contribution">Contribution to the model's margin (before calibration).</param>
public sealed record NgramContribution(IReadOnlyList<string> Ngrams, float Contribution);
