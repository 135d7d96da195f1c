using Guardrail.ML.Data;
using Guardrail.ML.Data.Attacks;
using Guardrail.ML.Training;

namespace Guardrail.ML.Tests.Training;

public class JointThresholdsTests
{
    private static (AttackExample Row, float Document, float Segment) Row(string source, bool attack, float document, float segment) =>
        (new AttackExample("t", source, attack ? AttackSets.Indirect : AttackSets.Benign, Split.Dev, attack, "en", "g"), document, segment);

    [Fact]
    public void Choose_SegmentSeparatesDocumentDoesNot_FlagsChosenTogetherWithinTargets()
    {
        var dev = new List<(AttackExample, float, float)>();
        // 200 benign documents in two sources; the document model scores them as high as the attacks, the segment model low.
        for (var i = 0; i < 100; i++) dev.Add(Row("pages", false, 0.5f + i / 250f, 0.1f + i / 1000f));
        for (var i = 0; i < 100; i++) dev.Add(Row("mail", false, 0.4f, i == 0 ? 0.95f : 0.2f));
        for (var i = 0; i < 50; i++) dev.Add(Row("bipia", true, 0.6f, 0.7f + i / 200f));

        var choice = JointThresholds.Choose(dev, [AttackSets.Indirect]);

        var benign = dev.Where(d => !d.Item1.Attack).ToList();
        var flagged = benign.Count(d => JointThresholds.Flags(d.Item2, d.Item3, choice.DocumentFlag, choice.SegmentFlag));
        Assert.True(flagged <= JointThresholds.PooledTarget * benign.Count, $"{flagged} benign flagged");
        Assert.All(benign.GroupBy(d => d.Item1.Source), g => Assert.True(g.Count(d => JointThresholds.Flags(d.Item2, d.Item3, choice.DocumentFlag, choice.SegmentFlag)) <= JointThresholds.PerSourceTarget * g.Count()));
        Assert.Equal(1.0, choice.Detection, 6);
        Assert.True(choice.SegmentFlag <= 0.70f);
        // The mail source's one high segment (0.95) is allowed at flag (1 of 100) but never blocked: the block is above it.
        Assert.True(choice.SegmentBlock > 0.95f);
    }

    [Fact]
    public void Choose_PerSourceCap_BindsASmallSource()
    {
        var dev = new List<(AttackExample, float, float)>();
        for (var i = 0; i < 1000; i++) dev.Add(Row("big", false, 0.1f, 0.1f));
        // One of 10 small-source documents at 0.8: 10% of its source, though 0.1% of all benign.
        for (var i = 0; i < 10; i++) dev.Add(Row("small", false, 0.1f, i == 0 ? 0.8f : 0.1f));
        for (var i = 0; i < 10; i++) dev.Add(Row("bipia", true, 0.1f, 0.8f));

        var choice = JointThresholds.Choose(dev, [AttackSets.Indirect]);

        Assert.True(choice.SegmentFlag > 0.8f, $"segment flag {choice.SegmentFlag}");
        Assert.Equal(0, choice.Detection);
    }

    [Fact]
    public void Choose_NoRows_NeverFlags()
    {
        var choice = JointThresholds.Choose([], [AttackSets.Indirect]);

        Assert.False(JointThresholds.Flags(1, 1, choice.DocumentFlag, choice.SegmentFlag));
    }
}
