using Guardrail.ML.Evaluation;

namespace Guardrail.ML.Training;

/// <summary>Chooses decision thresholds on dev.</summary>
/// <remarks>
/// The flag threshold maximises the mean of per-source macro-F1. Averaging over sources keeps the largest set from
/// choosing the threshold for everyone; the sources define toxicity differently, and the shipped threshold has to serve
/// all of them. Sources with one class only (the benign set) have no macro-F1 worth the name and are left out of that
/// mean; they count in the pooled precision that sets the block threshold.
/// </remarks>
public static class ThresholdTuner
{
    /// <summary>Precision the block threshold must reach on pooled dev.</summary>
    public const double BlockPrecision = 0.90;

    /// <summary>Returns the best threshold and its mean macro-F1 over the sources that have both classes.</summary>
    public static (float Threshold, double MacroF1) Tune(IReadOnlyList<(string Source, bool Label, float Probability)> dev)
    {
        var bySource = dev.GroupBy(d => d.Source).Select(g => g.ToList()).Where(g => g.Any(x => x.Label) && g.Any(x => !x.Label)).ToList();
        var best = (Threshold: 0.5f, MacroF1: -1.0);
        foreach (var threshold in Grid())
        {
            var mean = bySource.Average(g => BinaryMetrics.Compute(g.Select(x => x.Label).ToList(), g.Select(x => x.Probability).ToList(), threshold).MacroF1);
            if (mean > best.MacroF1 + 1e-9) best = (threshold, mean);
        }
        return best;
    }

    /// <summary>
    /// Returns the threshold with the best macro-F1 on all of <paramref name="dev"/> pooled. For categories whose positives
    /// come from one source (threat, insult, profanity: mostly the team's supplement), the per-source mean would be tuned
    /// on that source alone and ignore the false positives on every corpus that has negatives only.
    /// </summary>
    public static (float Threshold, double MacroF1) TunePooled(IReadOnlyList<(string Source, bool Label, float Probability)> dev)
    {
        var truth = dev.Select(x => x.Label).ToList();
        var p = dev.Select(x => x.Probability).ToList();
        var best = (Threshold: 0.5f, MacroF1: -1.0);
        foreach (var threshold in Grid())
        {
            var f1 = BinaryMetrics.Compute(truth, p, threshold).MacroF1;
            if (f1 > best.MacroF1 + 1e-9) best = (threshold, f1);
        }
        return best;
    }

    /// <summary>
    /// The block threshold: the smallest threshold on the 0.01 grid, not below <paramref name="flagThreshold"/>, whose
    /// precision on all of <paramref name="dev"/> pooled reaches <see cref="BlockPrecision"/>; <see cref="NeverBlock"/> (1)
    /// when none does, so a model that cannot block precisely flags but never blocks on its own.
    /// </summary>
    public static float TuneBlock(IReadOnlyList<(string Source, bool Label, float Probability)> dev, float flagThreshold)
    {
        foreach (var threshold in Grid(flagThreshold, 0.99f))
        {
            if (Precision(dev, threshold) >= BlockPrecision) return threshold;
        }
        return NeverBlock;
    }

    /// <summary>The block threshold of a model that never reaches the block precision on dev: it never blocks.</summary>
    public const float NeverBlock = 1f;

    /// <summary>The highest pooled precision on the 0.01 grid from <paramref name="flagThreshold"/> to 0.99, and where (for the log).</summary>
    public static (float Threshold, double Precision) BestPrecision(IReadOnlyList<(string Source, bool Label, float Probability)> dev, float flagThreshold) =>
        Grid(flagThreshold, 0.99f).Select(t => (t, Precision(dev, t))).MaxBy(x => x.Item2);

    /// <summary>Precision (share of true positives among those at or above <paramref name="threshold"/>); 1 when none is.</summary>
    public static double Precision(IReadOnlyList<(string Source, bool Label, float Probability)> rows, float threshold)
    {
        int tp = 0, fp = 0;
        foreach (var r in rows)
        {
            if (r.Probability < threshold) continue;
            if (r.Label) tp++; else fp++;
        }
        return tp + fp == 0 ? 1 : tp / (double)(tp + fp);
    }

    private static IEnumerable<float> Grid(float from = 0.02f, float to = 0.95f)
    {
        for (var i = (int)MathF.Round(from * 100); i <= (int)MathF.Round(to * 100); i++) yield return i / 100f;
    }
}
