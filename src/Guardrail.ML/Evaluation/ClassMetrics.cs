namespace Guardrail.ML.Evaluation;

/// <summary>Accuracy and F1 scores for predictions over any number of classes.</summary>
/// <param name="Accuracy">Share of correct predictions.</param>
/// <param name="MacroF1">Unweighted mean of per-class F1.</param>
/// <param name="WeightedF1">Mean of per-class F1 weighted by class support.</param>
/// <param name="PerClassF1">F1 of each class, indexed by class id.</param>
public sealed record ClassMetrics(double Accuracy, double MacroF1, double WeightedF1, IReadOnlyList<double> PerClassF1)
{
    /// <summary>Computes the metrics for class ids 0..<paramref name="classes"/>-1.</summary>
    public static ClassMetrics Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classes)
    {
        if (truth.Count != predicted.Count) throw new ArgumentException("truth and predictions differ in length");
        var tp = new int[classes];
        var fp = new int[classes];
        var fn = new int[classes];
        var correct = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            if (truth[i] == predicted[i]) { tp[truth[i]]++; correct++; }
            else { fp[predicted[i]]++; fn[truth[i]]++; }
        }
        var f1 = new double[classes];
        double weighted = 0;
        for (var c = 0; c < classes; c++)
        {
            var denom = 2.0 * tp[c] + fp[c] + fn[c];
            f1[c] = denom == 0 ? 0 : 2.0 * tp[c] / denom;
            weighted += f1[c] * (tp[c] + fn[c]);
        }
        var n = Math.Max(1, truth.Count);
        return new ClassMetrics((double)correct / n, f1.Average(), weighted / n, f1);
    }
}
