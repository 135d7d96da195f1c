namespace Guardrail.ML.Evaluation;

/// <summary>Metrics of a binary classifier at one threshold, plus its threshold-free ROC-AUC.</summary>
/// <param name="Accuracy">Share of correct decisions.</param>
/// <param name="MacroF1">Mean F1 of the negative and positive class.</param>
/// <param name="WeightedF1">Support-weighted F1.</param>
/// <param name="PositiveF1">F1 of the positive class.</param>
/// <param name="NegativeF1">F1 of the negative class.</param>
/// <param name="RocAuc">Area under the ROC curve (ties count half).</param>
/// <param name="Count">Number of examples.</param>
public sealed record BinaryMetrics(double Accuracy, double MacroF1, double WeightedF1, double PositiveF1, double NegativeF1, double RocAuc, int Count)
{
    /// <summary>Precision of the positive class (1 when nothing is predicted positive).</summary>
    public double Precision { get; init; }

    /// <summary>Recall of the positive class (0 when there are no positives).</summary>
    public double Recall { get; init; }

    /// <summary>False-positive rate: share of negatives predicted positive (0 when there are no negatives).</summary>
    public double FalsePositiveRate { get; init; }

    /// <summary>Computes the metrics of <paramref name="scores"/> against <paramref name="truth"/> at <paramref name="threshold"/>.</summary>
    public static BinaryMetrics Compute(IReadOnlyList<bool> truth, IReadOnlyList<float> scores, float threshold)
    {
        var t = truth.Select(b => b ? 1 : 0).ToList();
        var p = scores.Select(s => s >= threshold ? 1 : 0).ToList();
        var m = ClassMetrics.Compute(t, p, 2);
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < t.Count; i++)
        {
            if (t[i] == 1) { if (p[i] == 1) tp++; else fn++; }
            else if (p[i] == 1) fp++;
            else tn++;
        }
        return new BinaryMetrics(m.Accuracy, m.MacroF1, m.WeightedF1, m.PerClassF1[1], m.PerClassF1[0], ComputeRocAuc(truth, scores), truth.Count)
        {
            Precision = tp + fp == 0 ? 1 : tp / (double)(tp + fp),
            Recall = tp + fn == 0 ? 0 : tp / (double)(tp + fn),
            FalsePositiveRate = fp + tn == 0 ? 0 : fp / (double)(fp + tn),
        };
    }

    /// <summary>ROC-AUC as the Mann–Whitney statistic over average ranks.</summary>
    public static double ComputeRocAuc(IReadOnlyList<bool> truth, IReadOnlyList<float> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[order.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            for (var k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        long pos = truth.Count(b => b), neg = truth.Count - pos;
        if (pos == 0 || neg == 0) return double.NaN;
        var sum = truth.Select((b, i) => b ? ranks[i] : 0).Sum();
        return (sum - pos * (pos + 1) / 2.0) / (pos * (double)neg);
    }
}
