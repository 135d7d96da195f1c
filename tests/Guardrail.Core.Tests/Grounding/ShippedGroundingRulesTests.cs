using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Rules;
using Guardrail.Rules.Loading;
using Guardrail.Rules.Testing;

namespace Guardrail.Core.Tests.Grounding;

/// <summary>The shipped grounding rules' own cases pass with the overlap floor and with a stricter, model-like scorer.</summary>
public sealed class ShippedGroundingRulesTests
{
    private static readonly Lazy<RuleLoadResult> Shipped = new(() =>
        RuleLoader.Load(TestPaths.Rules, [.. DefaultDetectors.Create().Names, "toxicity", "attack"]));

    private static RuleSet GroundingRules()
    {
        Assert.True(Shipped.Value.Success, string.Join("\n", Shipped.Value.Errors));
        return new RuleSet(Shipped.Value.RuleSet!.Rules.Where(r => r.Id.StartsWith("grounding.", StringComparison.Ordinal)).ToArray(), "h");
    }

    // Stands in for a trained model: overlap, discounted for missing numbers and names, a flipped negation and
    // missing rare terms, so cases that pass only because the floor is lenient would fail here.
    private static readonly FakeScorer ModelLike = new(f => f[0] * (1 - f[6]) * (1 - 0.5f * f[7]) * (f[8] > 0 ? 0.3f : 1f) * (0.5f + 0.5f * f[13]));

    public static TheoryData<string> Scorers => ["overlap", "model-like"];

    [Theory]
    [MemberData(nameof(Scorers))]
    public void Run_ShippedGroundingCases_AllPass(string scorer)
    {
        var detectors = DefaultDetectors.Create(scorer == "overlap" ? new OverlapSupportScorer() : ModelLike);
        var rules = GroundingRules();

        var results = RuleTestRunner.Run(rules, detectors);

        Assert.Equal(["grounding.contradicted-claim", "grounding.fabricated-citation", "grounding.misattributed-citation", "grounding.quote-not-found", "grounding.uncited-claim", "grounding.unsupported-claim"],
            rules.Rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.True(results.Count >= 12);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.File}:{r.Line}: expected {r.Expected}, got {r.Actual} for \"{r.Text}\""));
    }

    [Fact]
    public void Load_ShippedPolicies_GroundingSettings()
    {
        var policies = Shipped.Value.Policies;

        Assert.Equal((false, true), (policies["default"].Grounding.RequireCitations, policies["strict"].Grounding.RequireCitations));
        Assert.Equal(Guardrail.Verdicts.Decision.Block, policies["strict"].Overrides["grounding.unsupported-claim"].Action);
        Assert.True(Guardrail.Policies.PolicyRules.Enables(policies["default"], "grounding.unsupported-claim"));
        Assert.True(Guardrail.Policies.PolicyRules.Enables(policies["observe"], "grounding.quote-not-found"));
    }
}
