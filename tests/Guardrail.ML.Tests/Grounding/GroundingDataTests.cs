using Guardrail.ML.Data;

namespace Guardrail.ML.Tests.Grounding;

public class GroundingDataTests
{
    private const string OneTurn = """
        {"knowledge": "Delhi is the seat of the Oberoi Group.", "question": "Where is the Oberoi Group based?", "right_answer": "Delhi", "hallucinated_answer": "Mumbai, the financial capital of India."}
        {"knowledge": "Arthur's Magazine (1844–1846) was an American periodical.", "question": "When did Arthur's Magazine start?", "right_answer": "1844", "hallucinated_answer": "1901"}
        """;

    private const string MultiTurn = """
        {"knowledge": "Delhi is the seat of the Oberoi Group.", "question": "Where is the Oberoi Group based?", "right_answer": "Delhi", "hallucinated_answer": "The Oberoi family has no hotels."}
        """;

    [Fact]
    public void HaluEvalParse_BothFiles_RightAndHallucinatedDeduped()
    {
        var items = HaluEvalLoader.Dedupe(HaluEvalLoader.Parse(OneTurn.Split('\n')).Concat(HaluEvalLoader.Parse(MultiTurn.Split('\n'))));

        // 2 questions × (right + hallucinated) from the first file, plus one new hallucinated answer; the repeated right answer is kept once.
        Assert.Equal(5, items.Count);
        Assert.Single(items, i => i.Answer == "Delhi" && i.Right);
        Assert.Contains(items, i => i.Answer == "The Oberoi family has no hotels." && !i.Right);
        Assert.Equal("Delhi is the seat of the Oberoi Group.", items[0].Knowledge);
    }

    [Fact]
    public void HaluEvalToPairs_AnswerOrQuestionPlusAnswer_FloorClaimIsAlwaysTheAnswer()
    {
        var items = HaluEvalLoader.Parse(OneTurn.Split('\n')).ToList();

        var alone = HaluEvalLoader.ToPairs(items, withQuestion: false);
        var withQuestion = HaluEvalLoader.ToPairs(items, withQuestion: true);

        Assert.Equal("Delhi", alone[0].Claim);
        Assert.Equal("Where is the Oberoi Group based? Delhi", withQuestion[0].Claim);
        Assert.All(withQuestion.Zip(alone), p => Assert.Equal(p.Second.Claim, p.First.FloorClaim));
        Assert.True(alone[0].Supported);
        Assert.False(alone[1].Supported);
    }

    [Fact]
    public void BeginParse_ThreeLabels_GenericDroppedAndCounted()
    {
        string[] lines =
        [
            "model_name\tdata_source\tknowledge\tmessage\tresponse\tbegin_label",
            "t5\twow\tcrayola makes crayons.\thi\tcrayola makes crayons\tFully attributable",
            "gpt2\twow\tcrayola makes crayons.\thi\tcrayola makes paint for cars\tNot fully attributable",
            "ctrl\twow\tcrayola makes crayons.\thi\tthat sounds fun!\tGeneric",
        ];

        var pairs = BeginLoader.Parse(lines, out var generic);

        Assert.Equal(1, generic);
        Assert.Equal(2, pairs.Count);
        Assert.True(pairs[0].Supported);
        Assert.False(pairs[1].Supported);
        Assert.Equal("crayola makes crayons.", pairs[1].Source);
        Assert.Equal(pairs[0].Split, pairs[1].Split);
    }

    [Fact]
    public void BeginParse_UnknownLabel_Throws()
    {
        string[] lines = ["header", "m\twow\tk\tmsg\tresp\tMaybe"];

        Assert.Throws<InvalidDataException>(() => BeginLoader.Parse(lines, out _));
    }

    [Fact]
    public void WiceParse_Labels_PartiallySupportedIsNotSupportedAndEvidenceJoined()
    {
        string[] lines =
        [
            """{"label": "supported", "claim": "He joined in 1991.", "evidence": ["Intro.", "He joined in 1991."], "meta": {"id": "dev1"}}""",
            """{"label": "partially_supported", "claim": "He joined in 1991 and left in 2001.", "evidence": ["He joined in 1991."], "meta": {"id": "dev2"}}""",
            """{"label": "not_supported", "claim": "She won.", "evidence": ["Nothing here."], "meta": {"id": "dev3"}}""",
        ];

        var pairs = WiceLoader.Parse(lines);

        Assert.Equal([true, false, false], pairs.Select(p => p.Supported));
        Assert.Equal("Intro.\nHe joined in 1991.", pairs[0].Source);
        Assert.All(pairs, p => Assert.Equal(p.Claim, p.Group));
    }

    [Fact]
    public void SplitOf_SameGroup_SameSplitEveryTime()
    {
        var groups = Enumerable.Range(0, 2000).Select(i => $"question {i}?").ToList();

        var first = groups.Select(SupportPair.SplitOf).ToList();

        Assert.Equal(first, groups.Select(g => SupportPair.SplitOf(new string(g.ToCharArray()))));
        Assert.InRange(first.Count(s => s == Split.Test) / 2000.0, 0.12, 0.18);
    }

    [Fact]
    public void ToPairs_ManyAnswersPerQuestion_NoQuestionStraddlesSplits()
    {
        var items = Enumerable.Range(0, 300).SelectMany(q => Enumerable.Range(0, 3).Select(a =>
            new HaluEvalLoader.Item($"passage {q}", $"question {q}?", $"answer {q}.{a}", a == 0))).ToList();

        var pairs = HaluEvalLoader.ToPairs(items, withQuestion: false);

        Assert.All(pairs.GroupBy(p => p.Group), g => Assert.Single(g.Select(p => p.Split).Distinct()));
        Assert.Equal(3, pairs.Select(p => p.Split).Distinct().Count());
    }
}
