using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Pipeline;
using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Rules.Conditions;
using Guardrail.Text;
using static Guardrail.Core.Tests.Grounding.Sources;

namespace Guardrail.Core.Tests.Grounding;

public sealed class GroundingShareTests
{
    private const string Answer =
        "The Golden Gate Bridge opened to traffic in 1937 [1]. The Eiffel Tower was completed in 1889 in Paris [2]. " +
        "The Golden Gate Bridge was designed by Gustave Eiffel and built from blue Italian marble [1]. Anything else?";

    private static ExchangeGuard Guard() => new(new RuleEngine(
        new RuleSet([new Rule { Id = "grounding.unsupported-claim", Category = "grounding", Direction = RuleDirection.Response,
            When = new DetectorCondition("grounding", [GroundingKinds.UnsupportedClaim], 0.5) }], "h"),
        Policy.Default, DefaultDetectors.Create()), TimeProvider.System);

    private static TextTarget Target(string text) => new("response.choices[0].message", Direction.Response, "assistant", text) { Sources = Two() };

    [Fact]
    public void Verdict_WholeAnswer_ShareOfCheckableClaims()
    {
        var guard = Guard();
        guard.Evaluate([Target(Answer)]);
        var verdict = guard.Verdict();

        Assert.Equal(2.0 / 3, verdict.Scores["grounding"], 6);
        Assert.Equal(new ScoreShare(2, 3), guard.Builder.Shares["grounding"]);
        // 3/10 of the claim's terms are found (support 0.3), and it names what the source lacks, so support is capped at 0.25.
        Assert.Equal(1 - SourceAlignment.CappedSupport, Assert.Single(verdict.Findings).Score, 2);
    }

    [Fact]
    public void Verdict_SentenceBySentenceLikeAStream_SameShareAsWholeAnswer()
    {
        var guard = Guard();
        foreach (var range in SentenceSplitter.Split(Answer)) guard.Evaluate([Target(Answer[range])]);
        var verdict = guard.Verdict();

        Assert.Equal(2.0 / 3, verdict.Scores["grounding"], 6);
        Assert.Single(verdict.Findings);
    }

    [Fact]
    public void Verdict_NoCheckableClaims_ScoreAbsent()
    {
        var guard = Guard();
        guard.Evaluate([Target("Sure! When did it open?")]);

        Assert.False(guard.Verdict().Scores.ContainsKey("grounding"));
    }
}
