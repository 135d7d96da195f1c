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
    /// <summary>Computes the metrics of <paramref name="scores"/> against <paramref name="truth"/> at <paramref name="threshold"/>.</summary>
    public static BinaryMetrics Compute(IReadOnlyList<bool> truth, IReadOnlyList<float> scores, float threshold)
    {
        var t = truth.Select(b => b ? 1 : 0).ToList();
        var p = scores.Select(s => s >= threshold ? 1 : 0).ToList();
        var m = ClassMetrics.Compute(t, p, 2);
        return new BinaryMetrics(m.Accuracy, m.MacroF1, m.WeightedF1, m.PerClassF1[1], m.PerClassF1[0], ComputeRocAuc(truth, scores), truth.Count);
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
