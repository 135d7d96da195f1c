namespace Guardrail.ML.Features;

/// <summary>How a model's texts are turned into hashed n-gram features; stored in the manifest with the model.</summary>
/// <remarks>
/// Word and character n-grams hash into separate halves of the space and are L2-normalised separately,
/// so the many character n-grams cannot drown the few word n-grams.
/// </remarks>
public sealed record FeatureSettings
{
    /// <summary>log2 of the number of dimensions (default 20: 1,048,576).</summary>
    public int HashBits { get; init; } = 20;

    /// <summary>Longest word n-gram: 1, 2 (default: unigrams and bigrams) or 3 (and trigrams).</summary>
    public int WordNgramMax { get; init; } = 2;

    /// <summary>Shortest character n-gram, counted with the word-boundary markers (default 2).</summary>
    public int CharNgramMin { get; init; } = 2;

    /// <summary>Longest character n-gram (default 5).</summary>
    public int CharNgramMax { get; init; } = 5;

    /// <summary>Shortest character n-gram inside CJK runs (default 1: single Han characters carry meaning).</summary>
    public int CjkNgramMin { get; init; } = 1;

    /// <summary>Longest character n-gram inside CJK runs (default 3).</summary>
    public int CjkNgramMax { get; init; } = 3;

    /// <summary>
    /// Words around a negation, reporting or condemning cue, and inside quotation marks, also yield context-tagged features
    /// (<see cref="ContextCues"/>), this many words either side; 0 (default: older manifests) none.
    /// </summary>
    public int ContextWindow { get; init; }

    /// <summary>Weight of the word block relative to the character block (default 1).</summary>
    public float WordWeight { get; init; } = 1f;

    /// <summary>
    /// Per-feature weighting learnt on the model's training split and shipped with it (<see cref="FeatureWeighting"/>):
    /// null (default, none), <c>idf</c> or <c>nb</c>. Applied to the sublinear tf before the per-block L2 normalisation.
    /// </summary>
    public string? Weighting { get; init; }

    /// <summary>Number of dimensions.</summary>
    public int Dimensions => 1 << HashBits;
}
