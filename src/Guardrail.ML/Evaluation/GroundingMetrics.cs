namespace Guardrail.ML.Evaluation;

/// <summary>Metrics of a support score: balanced accuracy at a threshold, the dev threshold search, and a bootstrap interval for an AUC gain.</summary>
public static class GroundingMetrics
{
    /// <summary>Mean of the recall of supported and of unsupported examples, predicting "supported" at or above <paramref name="threshold"/>.</summary>
    public static double BalancedAccuracy(IReadOnlyList<bool> truth, IReadOnlyList<float> scores, float threshold)
    {
        int tp = 0, pos = 0, tn = 0, neg = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            if (truth[i])
            {
                pos++;
                if (scores[i] >= threshold) tp++;
            }
            else
            {
                neg++;
                if (scores[i] < threshold) tn++;
            }
        }
        return ((pos == 0 ? 0 : tp / (double)pos) + (neg == 0 ? 0 : tn / (double)neg)) / 2;
    }

    /// <summary>Share of correct decisions at <paramref name="threshold"/>.</summary>
    public static double Accuracy(IReadOnlyList<bool> truth, IReadOnlyList<float> scores, float threshold) =>
        truth.Count == 0 ? 0 : truth.Where((t, i) => t == scores[i] >= threshold).Count() / (double)truth.Count;

    /// <summary>
    /// The threshold on the 0.01 grid (0.01–0.99) that maximises the mean over groups (data sets) of balanced accuracy;
    /// ties go to the lower threshold.
    /// </summary>
    public static (float Threshold, double MeanBalancedAccuracy) TuneThreshold(IReadOnlyList<(string Group, bool Label, float Score)> dev)
    {
        var groups = dev.GroupBy(d => d.Group).Select(g => (Truth: g.Select(x => x.Label).ToList(), Scores: g.Select(x => x.Score).ToList())).ToList();
        var best = (Threshold: 0.5f, Mean: -1.0);
        for (var i = 1; i <= 99; i++)
        {
            var t = i / 100f;
            var mean = groups.Average(g => BalancedAccuracy(g.Truth, g.Scores, t));
            if (mean > best.Mean + 1e-9) best = (t, mean);
        }
        return best;
    }

    /// <summary>
    /// A 95% percentile interval for ROC-AUC(a) − ROC-AUC(b) on the same rows, by a paired bootstrap that resamples whole
    /// clusters (rows sharing a question, snippet or claim move together). Deterministic for a given seed.
    /// </summary>
    public static (double Low, double High) AucGainInterval(IReadOnlyList<bool> truth, IReadOnlyList<float> a, IReadOnlyList<float> b, IReadOnlyList<string> cluster, int resamples = 1000, int seed = 1)
    {
        var clusters = Enumerable.Range(0, truth.Count).GroupBy(i => cluster[i]).Select(g => g.ToArray()).ToArray();
        var random = new Random(seed);
        var gains = new List<double>(resamples);
        for (var r = 0; r < resamples; r++)
        {
            var t = new List<bool>();
            var sa = new List<float>();
            var sb = new List<float>();
            for (var c = 0; c < clusters.Length; c++)
            {
                foreach (var i in clusters[random.Next(clusters.Length)])
                {
                    t.Add(truth[i]);
                    sa.Add(a[i]);
                    sb.Add(b[i]);
                }
            }
            var gain = BinaryMetrics.ComputeRocAuc(t, sa) - BinaryMetrics.ComputeRocAuc(t, sb);
            if (!double.IsNaN(gain)) gains.Add(gain);
        }
        gains.Sort();
        return gains.Count == 0 ? (double.NaN, double.NaN) : (gains[(int)(0.025 * (gains.Count - 1))], gains[(int)Math.Ceiling(0.975 * (gains.Count - 1))]);
    }
}
