using Guardrail.Grounding;

namespace Guardrail.ML.Runtime;

/// <summary>
/// The support model as the grounding check uses it: probabilities re-mapped piecewise-linearly so the dev-chosen
/// threshold lands on 0.5 (0 → 0, threshold → 0.5, 1 → 1). Policies then say <c>supportThreshold: 0.5</c> and rules
/// <c>above: 0.5</c> whatever model ships, as the toxicity scores do. Monotone, so ROC-AUC is unchanged. A Chinese claim
/// is scored by the Chinese model when one ships (<see cref="SupportModel.For"/>), against its own threshold.
/// </summary>
public sealed class CalibratedSupportScorer(SupportModel model) : ISupportScorer
{
    /// <summary>The underlying model.</summary>
    public SupportModel Model { get; } = model;

    /// <inheritdoc/>
    public string Version => Model.Versions;

    /// <inheritdoc/>
    public float Score(ReadOnlySpan<float> features)
    {
        var model = Model.For(features);
        return Calibrate(model.Score(features), model.Threshold);
    }

    /// <summary>Maps <paramref name="p"/> so that <paramref name="threshold"/> becomes 0.5.</summary>
    public static float Calibrate(float p, float threshold)
    {
        if (float.IsNaN(p)) return 0;
        p = Math.Clamp(p, 0f, 1f);
        if (threshold <= 0f || threshold >= 1f) return p;
        return p < threshold ? 0.5f * p / threshold : 0.5f + 0.5f * (p - threshold) / (1f - threshold);
    }
}
