namespace Guardrail.Grounding;

/// <summary>
/// Turns a claim-versus-source feature vector (<see cref="SupportFeatures"/>) into a support probability in [0, 1].
/// Core ships <see cref="OverlapSupportScorer"/>; Guardrail.ML ships the trained model. Thread-safe.
/// </summary>
public interface ISupportScorer
{
    /// <summary>Model name and version as written in verdicts (<c>grounding@...</c>).</summary>
    string Version { get; }

    /// <summary>The probability that the source supports the claim.</summary>
    float Score(ReadOnlySpan<float> features);
}

/// <summary>The word-overlap floor as a scorer: the share of the claim's content terms found in the source.</summary>
public sealed class OverlapSupportScorer : ISupportScorer
{
    /// <inheritdoc/>
    public string Version => "grounding-overlap";

    /// <inheritdoc/>
    public float Score(ReadOnlySpan<float> features) => features[0];
}
