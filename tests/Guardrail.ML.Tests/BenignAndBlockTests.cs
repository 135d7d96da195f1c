using Guardrail.ML.Data;
using Guardrail.ML.Evaluation;
using Guardrail.ML.Training;

namespace Guardrail.ML.Tests;

public class BenignAndBlockTests
{
    [Fact]
    public void Sentences_GluedAndSpacedSentences_Split()
    {
        var s = BenignLoader.Sentences("Arthur's Magazine was published in the 19th century.First for Women is a magazine. It is sold in the USA!\nNext line").ToList();

        Assert.Equal(["Arthur's Magazine was published in the 19th century.", "First for Women is a magazine.", "It is sold in the USA!", "Next line"], s);
    }

    [Fact]
    public void Sentences_AbbreviationLikeDots_NotSplitInsideNumbers()
    {
        Assert.Single(BenignLoader.Sentences("Version 3.14 costs $2,099.00 today"));
    }

    [Fact]
    public void Tune_SingleClassSource_IgnoredForMacroF1()
    {
        var dev = new List<(string, bool, float)> { ("a", true, 0.9f), ("a", false, 0.1f), ("benign", false, 0.2f) };
        var withBenign = ThresholdTuner.Tune(dev);
        var without = ThresholdTuner.Tune(dev.Take(2).ToList());

        Assert.Equal(without, withBenign);
    }

    [Fact]
    public void TuneBlock_SmallestThresholdWithPrecision()
    {
        // Above 0.6: 9 positives, 1 negative (precision 0.9); at 0.3 a second negative enters.
        var dev = Enumerable.Range(0, 9).Select(i => ("a", true, 0.7f + i * 0.02f)).ToList();
        dev.Add(("a", false, 0.65f));
        dev.Add(("benign", false, 0.3f));

        Assert.Equal(0.31f, ThresholdTuner.TuneBlock(dev, 0.2f));
        Assert.Equal(0.5f, ThresholdTuner.TuneBlock(dev, 0.5f));
    }

    [Fact]
    public void TuneBlock_Unreachable_NeverBlocks()
    {
        var dev = new List<(string, bool, float)> { ("a", true, 0.5f), ("a", false, 0.99f) };

        Assert.Equal(ThresholdTuner.NeverBlock, ThresholdTuner.TuneBlock(dev, 0.3f));
        var score = new Guardrail.ML.Runtime.CategoryScore("hate", 1f, 0.3f, []) { BlockThreshold = ThresholdTuner.NeverBlock };
        Assert.True(score.Exceeds);
        Assert.False(score.ExceedsBlock);
    }

    [Fact]
    public void CategoryScore_BlockThreshold_DefaultsToFlagThreshold()
    {
        var score = new Guardrail.ML.Runtime.CategoryScore("toxicity", 0.5f, 0.4f, []);

        Assert.Equal(0.4f, score.BlockThreshold);
        Assert.True(score.ExceedsBlock);
    }

    [Fact]
    public void BinaryMetrics_PrecisionRecallFalsePositiveRate()
    {
        // predicted positive: 0.9 (pos), 0.6 (neg); pos 0.4 missed; neg 0.1 correct.
        var m = BinaryMetrics.Compute([true, true, false, false], [0.9f, 0.4f, 0.6f, 0.1f], 0.5f);

        Assert.Equal(0.5, m.Precision, 9);
        Assert.Equal(0.5, m.Recall, 9);
        Assert.Equal(0.5, m.FalsePositiveRate, 9);
    }
}
