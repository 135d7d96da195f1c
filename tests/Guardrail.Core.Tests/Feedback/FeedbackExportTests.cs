using Guardrail.Audit;
using Guardrail.Feedback;
using Guardrail.Judging;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Feedback;

public class FeedbackExportTests
{
    private const string Answer = "response.choices[0].message";
    private static readonly Constitution Constitution = ConstitutionLoader.LoadFromRules(TestPaths.Rules)!.Constitution!;
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(string id, string text, Decision action = Decision.Allow, string category = "insult", LabelKind[]? human = null, (string Principle, bool Violated)[]? judge = null)
    {
        var findings = action == Decision.Allow ? new List<Finding>() :
            [new Finding { Rule = $"toxicity.{category}-answer", Category = category, Target = Answer, Score = 0.9, Threshold = 0.5, Action = action, Explanation = "x" }];
        var record = new AuditRecord(T0, "chat", new Verdict { Id = id, Policy = "p@1", Decision = action, Findings = findings }, [new AuditedText(Answer, text)], AuditTextMode.Masked);
        return new AuditEntry(record, (human ?? []).Select(k => new HumanLabel(id, k, null, T0)).ToList())
        {
            JudgeLabels = (judge ?? []).Select(j => new JudgeLabel(id, j.Principle, j.Violated, JudgeSeverity.High, "r", [], "judge", "c@1", "sample", T0)).ToList(),
        };
    }

    [Fact]
    public void Build_JudgeViolation_PrimaryCategoryAndToxicityTrue()
    {
        var result = FeedbackExport.Build([Entry("a", "You idiot.", judge: [("no-insults", true), ("no-threats", false)])], Constitution);

        var example = Assert.Single(result.Examples);
        Assert.Equal(FeedbackExample.Judge, example.Source);
        Assert.True(example.Labels["insult"]);
        Assert.True(example.Labels["toxicity"]);
        Assert.False(example.Labels["threat"]);
        Assert.Equal((0, 1), (result.FromHuman, result.FromJudge));
    }

    [Fact]
    public void Build_OneJudgementSharingACategory_ViolationWinsNoConflict()
    {
        // no-insults (violated) and supportive-on-self-harm (not violated) both speak for toxicity.
        var result = FeedbackExport.Build([Entry("a", "You idiot.", judge: [("no-insults", true), ("supportive-on-self-harm", false)])], Constitution);

        Assert.True(result.Examples.Single().Labels["toxicity"]);
        Assert.Equal(0, result.Conflicts);
    }

    [Fact]
    public void Build_HumanSaysFalsePositive_WinsOverTheJudge()
    {
        var entries = new[]
        {
            Entry("a", "This printer is idiot-proof.", Decision.Flag, human: [LabelKind.FalsePositive]),
            Entry("b", "This printer is idiot-proof.", judge: [("no-insults", true)]),
        };

        var result = FeedbackExport.Build(entries, Constitution);

        var example = Assert.Single(result.Examples);
        Assert.False(example.Labels["insult"]);
        Assert.Equal(FeedbackExample.Human, example.Source);
        Assert.Equal(1, result.Overridden);
    }

    [Fact]
    public void Build_HumansDisagree_PairLeftOutAndCounted()
    {
        var entries = new[]
        {
            Entry("a", "That take is garbage.", Decision.Flag, human: [LabelKind.Correct]),
            Entry("b", "That take is garbage.", Decision.Flag, human: [LabelKind.FalsePositive]),
        };

        var result = FeedbackExport.Build(entries, Constitution);

        Assert.Empty(result.Examples);
        Assert.Equal(1, result.Conflicts);
    }

    [Fact]
    public void Build_CorrectOnCleanVerdict_EveryToxicityCategoryFalse()
    {
        var result = FeedbackExport.Build([Entry("a", "Paris is the capital of France.", human: [LabelKind.Correct])], Constitution);

        Assert.All(FeedbackExport.ToxicityCategories, c => Assert.False(result.Examples.Single().Labels[c]));
    }

    [Fact]
    public void Build_FalseNegativeWithoutCategory_SkippedAndCounted()
    {
        var result = FeedbackExport.Build([Entry("a", "Some text.", human: [LabelKind.FalseNegative])], Constitution);

        Assert.Empty(result.Examples);
        Assert.Equal(1, result.Skipped);
    }

    [Fact]
    public void Build_FalseNegativeNamingACategory_TheAnswerIsOfIt()
    {
        var record = Entry("a", "People like that should be put down.");
        var entry = record with { Labels = [new HumanLabel("a", LabelKind.FalseNegative, null, T0) { Category = "threat" }] };

        var result = FeedbackExport.Build([entry], Constitution);

        Assert.True(result.Examples.Single().Labels["threat"]);
        Assert.Equal(0, result.Skipped);
    }

    [Fact]
    public void JsonLine_RoundTrips()
    {
        var example = new FeedbackExample("You idiot.", new Dictionary<string, bool> { ["insult"] = true }, "judge", "a", Answer);

        var back = FeedbackExample.FromJsonLine(example.ToJsonLine())!;

        Assert.Equal((example.Text, true, "judge", "a"), (back.Text, back.Labels["insult"], back.Source, back.VerdictId));
        Assert.Null(FeedbackExample.FromJsonLine("not json"));
        Assert.Null(FeedbackExample.FromJsonLine("{\"labels\":{}}"));
    }
}
