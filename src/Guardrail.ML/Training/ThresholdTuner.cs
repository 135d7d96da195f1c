using Guardrail.ML.Evaluation;

namespace Guardrail.ML.Training;

/// <summary>Chooses a decision threshold on dev: the one that maximises the mean of per-source macro-F1.</summary>
/// <remarks>
/// Averaging over sources keeps the largest set from choosing the threshold for everyone; the sources define
/// toxicity differently, and the shipped threshold has to serve all of them.
/// </remarks>
public static class ThresholdTuner
{
    /// <summary>Returns the best threshold and its mean macro-F1 over the sources.</summary>
    public static (float Threshold, double MacroF1) Tune(IReadOnlyList<(string Source, bool Label, float Probability)> dev)
    {
        var bySource = dev.GroupBy(d => d.Source).Select(g => g.ToList()).ToList();
        var best = (Threshold: 0.5f, MacroF1: -1.0);
        for (var t = 0.05f; t < 0.951f; t += 0.01f)
        {
            var threshold = MathF.Round(t, 2);
            var mean = bySource.Average(g => BinaryMetrics.Compute(g.Select(x => x.Label).ToList(), g.Select(x => x.Probability).ToList(), threshold).MacroF1);
            if (mean > best.MacroF1 + 1e-9) best = (threshold, mean);
        }
        return best;
    }
}
