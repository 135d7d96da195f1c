using Guardrail.ML.Evaluation;

namespace Guardrail.ML.Tests;

public class MetricsTests
{
    [Fact]
    public void ClassMetrics_HandComputedExample_Matches()
    {
        // truth 0,0,1,1,1,2 ; predicted 0,1,1,1,2,2
        // class 0: tp1 fp0 fn1 -> F1 2/3; class 1: tp2 fp1 fn1 -> 2/3; class 2: tp1 fp1 fn0 -> 2/3
        var m = ClassMetrics.Compute([0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 2, 2], 3);

        Assert.Equal(4 / 6.0, m.Accuracy, 9);
        Assert.Equal(2 / 3.0, m.MacroF1, 9);
        Assert.Equal(2 / 3.0, m.WeightedF1, 9);
        Assert.Equal(2 / 3.0, m.PerClassF1[1], 9);
    }

    [Fact]
    public void BinaryMetrics_HandComputedExample_Matches()
    {
        // scores: pos 0.9, 0.4 ; neg 0.6, 0.1 -> AUC: pairs (0.9>0.6, 0.9>0.1, 0.4<0.6, 0.4>0.1) = 3/4
        var m = BinaryMetrics.Compute([true, true, false, false], [0.9f, 0.4f, 0.6f, 0.1f], 0.5f);

        Assert.Equal(0.75, m.RocAuc, 9);
        Assert.Equal(0.5, m.Accuracy, 9);
        Assert.Equal(0.5, m.PositiveF1, 9);
        Assert.Equal(0.5, m.MacroF1, 9);
    }

    [Fact]
    public void RocAuc_Ties_CountHalf()
    {
        Assert.Equal(0.5, BinaryMetrics.ComputeRocAuc([true, false], [0.5f, 0.5f]), 9);
    }
}
