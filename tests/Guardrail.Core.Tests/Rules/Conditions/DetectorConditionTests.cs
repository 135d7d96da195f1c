using Guardrail.Detection;
using Guardrail.Rules.Conditions;
using Guardrail.Rules.Loading;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Rules.Conditions;

public class DetectorConditionTests
{
    private static readonly Signal Email = new("email", 0.9, new TextSpan(3, 10), "An e-mail.");
    private static readonly Signal Phone = new("phone", 0.4, new TextSpan(12, 20), "A phone number.");

    [Fact]
    public void Evaluate_SignalOfListedKindAboveThreshold_MatchesWithSignalDetails()
    {
        var condition = new DetectorCondition("pii", ["email"], 0.5);
        var result = condition.Evaluate(ConditionTestContext.For("text", FakeDetector.Returning("pii", Email, Phone)));

        Assert.True(result.Matched);
        var m = Assert.Single(result.Matches);
        Assert.Equal((new TextSpan(3, 10), 0.9, 0.5, "An e-mail."), (m.Span, m.Score, m.Threshold, m.Explanation));
    }

    [Fact]
    public void Evaluate_SignalBelowThreshold_DoesNotMatch()
    {
        var condition = new DetectorCondition("pii", ["phone"], 0.5);
        Assert.False(condition.Evaluate(ConditionTestContext.For("t", FakeDetector.Returning("pii", Phone))).Matched);
    }

    [Fact]
    public void Evaluate_ThresholdOverride_ReplacesRuleThreshold()
    {
        var condition = new DetectorCondition("pii", ["phone"], 0.5);
        var context = ConditionTestContext.For("t", FakeDetector.Returning("pii", Phone));
        context.ThresholdOverride = 0.3;

        var m = Assert.Single(condition.Evaluate(context).Matches);
        Assert.Equal(0.3, m.Threshold);
    }

    [Fact]
    public void Evaluate_NoKinds_AcceptsEveryKind()
    {
        var condition = new DetectorCondition("pii", null, 0.3);
        Assert.Equal(2, condition.Evaluate(ConditionTestContext.For("t", FakeDetector.Returning("pii", Email, Phone))).Matches.Count);
    }

    [Fact]
    public void Evaluate_UnregisteredDetector_DoesNotMatch()
    {
        var condition = new DetectorCondition("injection", null, 0.5);
        Assert.False(condition.Evaluate(ConditionTestContext.For("t", FakeDetector.Returning("pii", Email))).Matched);
    }

    [Theory]
    [InlineData("{ pii: [email, phone], above: 0.3 }", "pii", 2)]
    [InlineData("{ detector: pii, kind: phone, above: 0.3 }", "pii", 1)]
    [InlineData("{ detector: pii }", "pii", 1)]
    [InlineData("{ classifier: toxicity, category: insult, above: 0.8 }", "toxicity", 1)]
    public void Parse_DetectorKinds_BuildWorkingConditions(string when, string detector, int expectedMatches)
    {
        var signals = detector == "pii" ? new[] { Email, Phone } : [new Signal("insult", 0.85, null, "Insult."), new Signal("hate", 0.9, null, "Hate.")];
        var parsed = RuleLoader.Parse(RuleYaml.Valid(when: when), "r.yaml", ["pii", "toxicity"]);

        Assert.True(parsed.Success, string.Join("\n", parsed.Errors));
        var result = parsed.Rule!.When.Evaluate(ConditionTestContext.For("t", FakeDetector.Returning(detector, signals)));
        Assert.Equal(expectedMatches, result.Matches.Count);
        Assert.Equal([detector], parsed.Rule.When.Detectors);
    }
}
