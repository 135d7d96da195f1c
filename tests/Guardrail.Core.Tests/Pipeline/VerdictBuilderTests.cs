using Guardrail.Pipeline;
using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Pipeline;

public sealed class VerdictBuilderTests
{
    private static Finding F(Decision action) => new()
    {
        Rule = "r." + action, Category = "c", Target = "t", Score = 1, Threshold = 0.5, Action = action, Explanation = "x",
    };

    [Fact]
    public void Decision_MixedFindings_StrongestWins()
    {
        var b = new VerdictBuilder("gr_1", "p@1", FailMode.Open);
        b.AddFinding(F(Decision.Flag));
        b.AddFinding(F(Decision.Redact));

        Assert.Equal(Decision.Redact, b.Build(0).Decision);
    }

    [Fact]
    public void Add_DetectorErrorFailOpen_UncheckedNotAllow()
    {
        var b = new VerdictBuilder("gr_1", "p@1", FailMode.Open);
        b.Add(new TextEvaluation([], new Dictionary<string, double>(), new Dictionary<string, double>(),
            new Dictionary<string, Exception> { ["pii"] = new InvalidOperationException() }), "t");

        var v = b.Build(0);
        Assert.Equal(Decision.Unchecked, v.Decision);
        Assert.Equal(["check-error:pii"], v.UncheckedReasons);
    }

    private static TextEvaluation NotJudged(string detector, string reason) =>
        new([], new Dictionary<string, double>(), new Dictionary<string, double>(), new Dictionary<string, Exception>(), [new UncheckedReason(detector, reason)]);

    [Fact]
    public void Add_DetectorCouldNotJudgeFailOpen_UncheckedWithTypedReason()
    {
        var b = new VerdictBuilder("gr_1", "p@1", FailMode.Open);
        b.Add(NotJudged("toxicity", "unsupported language (de)"), "response.choices[0].message");

        var v = b.Build(0);
        Assert.Equal(Decision.Unchecked, v.Decision);
        Assert.Equal([new UncheckedReason("toxicity", "unsupported language (de)")], v.Unchecked);
        Assert.Equal(["toxicity: unsupported language (de)"], v.UncheckedReasons);
        Assert.Empty(v.Findings);
    }

    [Fact]
    public void Add_DetectorErrorFailClosed_Blocks()
    {
        var b = new VerdictBuilder("gr_1", "p@1", FailMode.Closed);
        b.AddCheckError("pii", "t");

        var v = b.Build(0);
        Assert.Equal(Decision.Block, v.Decision);
        Assert.Equal("guardrail.check-error", v.Findings.Single().Rule);
    }

    [Fact]
    public void Build_Timings_SummedPerCheckWithTotal()
    {
        var b = new VerdictBuilder("gr_1", "p@1", FailMode.Open);
        b.AddTiming("pii", 0.25);
        b.AddTiming("pii", 0.5);

        var v = b.Build(1.5);
        Assert.Equal(0.75, v.Timings["pii_ms"]);
        Assert.Equal(1.5, v.Timings["total_ms"]);
    }

    [Fact]
    public void Decision_FlagAndUnchecked_FlagWinsButReasonKept()
    {
        var b = new VerdictBuilder("gr_1", "p@1", FailMode.Open);
        b.AddUnchecked("response-too-large");
        b.AddFinding(F(Decision.Flag));

        var v = b.Build(0);
        Assert.Equal(Decision.Flag, v.Decision);
        Assert.Contains("response-too-large", v.UncheckedReasons);
    }
}
