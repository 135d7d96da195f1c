using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Verdicts;

public class VerdictRevisionJsonTests
{
    [Fact]
    public void ToJsonFromJson_Revision_RoundTrips()
    {
        var finding = new Finding { Rule = "test.rule", Category = "insult", Target = "response.choices[0].message", Score = 1, Threshold = 0.5, Action = Decision.Block, Explanation = "x" };
        var verdict = new Verdict { Id = "v", Policy = "p@1", Revision = new Revision(false, Decision.Block, [finding], Decision.Block, [finding], null, 12.5) };

        var json = VerdictJson.ToJson(verdict);
        var back = VerdictJson.FromJson(json)!.Revision!;

        Assert.False((bool)json["revision"]!["passed"]!);
        Assert.Equal((false, Decision.Block, Decision.Block, 12.5), (back.Passed, back.OriginalDecision, back.RevisedDecision!.Value, back.Ms));
        Assert.Equal("test.rule", Assert.Single(back.Original).Rule);
        Assert.Null(VerdictJson.FromJson(VerdictJson.ToJson(verdict with { Revision = null })).Revision);
    }
}
