using Guardrail.Judging;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Judging;

public class UncertaintyBandTests
{
    private static readonly RuleThreshold[] Thresholds =
    [
        new("toxicity.insult-answer", "insult", "insult", 0.5),
        new("toxicity.threat-answer", "threat", "threat", 0.5),
    ];

    private static Verdict WithScores(params (string Key, double Score)[] scores) =>
        new() { Id = "v", Policy = "p", Scores = scores.ToDictionary(s => s.Key, s => s.Score) };

    [Theory]
    [InlineData(0.42, true)]
    [InlineData(0.58, true)]
    [InlineData(0.5, true)]
    [InlineData(0.39, false)]
    [InlineData(0.61, false)]
    [InlineData(0.02, false)]
    public void Near_ScoreAroundThreshold_UncertainOnlyInsideTheBand(double score, bool uncertain)
    {
        var near = UncertaintyBand.Near(WithScores(("insult", score)), Thresholds, 0.1);

        Assert.Equal(uncertain, near is not null);
        if (uncertain) Assert.Equal("toxicity.insult-answer", near!.Rule);
    }

    [Fact]
    public void Near_BandZero_NeverUncertain()
    {
        Assert.Null(UncertaintyBand.Near(WithScores(("insult", 0.5)), Thresholds, 0));
    }

    [Fact]
    public void Near_ScoreOfAnotherKey_NotUncertain()
    {
        Assert.Null(UncertaintyBand.Near(WithScores(("hate", 0.5)), Thresholds, 0.1));
    }

    [Fact]
    public void Near_FindingJustPastItsThreshold_Uncertain()
    {
        var verdict = new Verdict
        {
            Id = "v", Policy = "p",
            Findings = [new Finding { Rule = "grounding.unsupported-claim", Category = "grounding", Target = "response.choices[0].message", Score = 0.55, Threshold = 0.5, Explanation = "x" }],
        };

        Assert.Equal("grounding.unsupported-claim", UncertaintyBand.Near(verdict, [], 0.1)?.Rule);
        Assert.Null(UncertaintyBand.Near(verdict, [], 0.04));
    }

    [Fact]
    public void Thresholds_ShippedDefaultPolicy_ClassifierCategoriesAndDetectors()
    {
        var loaded = Guardrail.Rules.Loading.RuleLoader.Load(TestPaths.Rules, ["pii", "injection", "toxicity", "attack", "grounding"]);
        var engine = new RuleEngine(loaded.RuleSet!, loaded.Policies["default"], new Guardrail.Detection.DetectorRegistry([]));

        Assert.Contains(engine.Thresholds, t => t is { Rule: "toxicity.insult-answer", ScoreKey: "insult", Threshold: 0.5 });
        Assert.Contains(engine.Thresholds, t => t is { Rule: "injection.instruction-override", ScoreKey: "injection", Threshold: 0.7 });
    }
}
