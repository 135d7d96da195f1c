using Guardrail.ML.Features;

namespace Guardrail.ML.Tests;

public class FeatureWeightingTests
{
    private static readonly FeatureSettings Settings = new() { HashBits = 18 };

    [Fact]
    public void Idf_FollowsSmoothedFormula()
    {
        int[][] rows = [[1, 2], [2], [2, 3]];
        var idf = FeatureWeighting.Compute(FeatureWeighting.Idf, 8, rows, [true, false, false]);

        Assert.Equal(Math.Log(4.0 / 2) + 1, idf[1], 5);
        Assert.Equal(Math.Log(4.0 / 4) + 1, idf[2], 5);
        Assert.Equal(Math.Log(4.0 / 1) + 1, idf[0], 5); // unseen in training
    }

    [Fact]
    public void NaiveBayes_IsAbsoluteLogCountRatioWithAddOneSmoothing()
    {
        int[][] rows = [[0, 1], [0], [1]];
        var r = FeatureWeighting.Compute(FeatureWeighting.NaiveBayes, 2, rows, [true, true, false]);

        // p = 1 + (2, 1) = (3, 2), q = 1 + (0, 1) = (1, 2).
        Assert.Equal(Math.Abs(Math.Log(3.0 / 5 / (1.0 / 3))), r[0], 5);
        Assert.Equal(Math.Abs(Math.Log(2.0 / 5 / (2.0 / 3))), r[1], 5);
    }

    [Fact]
    public void SaveLoad_RoundTripsAndChecksLength()
    {
        var scale = Enumerable.Range(0, Settings.Dimensions).Select(i => i % 7 * 0.5f).ToArray();
        var path = Path.GetTempFileName();
        try
        {
            FeatureWeighting.Save(path, scale);
            Assert.Equal(scale, FeatureWeighting.Load(path, Settings.Dimensions));
            Assert.ThrowsAny<Exception>(() => FeatureWeighting.Load(path, Settings.Dimensions * 2));
            Assert.Throws<InvalidDataException>(() => FeatureWeighting.Load(path, Settings.Dimensions / 2));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Featurize_WithScale_ScalesBeforeNormalisation_AndStillExplains()
    {
        var text = ToxicityText.Prepare("you are a terrible person");
        var plain = new SparseFeatures();
        new NgramFeaturizer(Settings).Featurize(text, plain);
        var ones = new SparseFeatures();
        new NgramFeaturizer(Settings, Enumerable.Repeat(1f, Settings.Dimensions).ToArray()).Featurize(text, ones);
        Assert.Equal(plain.Values.ToArray(), ones.Values.ToArray());

        // Up-weighting one feature raises its share after the L2 normalisation; indices and explanations are unchanged.
        var target = plain.Indices[0];
        var scale = Enumerable.Repeat(1f, Settings.Dimensions).ToArray();
        scale[target] = 5f;
        var f = new NgramFeaturizer(Settings, scale);
        var scaled = new SparseFeatures();
        f.Featurize(text, scaled);
        Assert.Equal(plain.Indices.ToArray(), scaled.Indices.ToArray());
        Assert.True(scaled.Values[0] > plain.Values[0]);
        Assert.Equal(1.0, Math.Sqrt(scaled.Values.ToArray().Sum(v => (double)v * v)), 4);
        Assert.NotEmpty(f.Explain(text, [target])[target]);
    }
}
