using Guardrail.Detection;
using Guardrail.Pipeline;
using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Rules.Conditions;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Pipeline;

/// <summary>What a detector could not judge (a work budget reached, an unsupported language) goes through the fail mode.</summary>
public sealed class ExchangeGuardFailModeTests
{
    private sealed class PartialDetector : IDetector
    {
        public string Name => "partial";

        // Judges the first 10 characters and reports the rest, as the toxicity check does past its work budget.
        public IReadOnlyList<Signal> Detect(TextTarget target) => target.Text.Length <= 10
            ? []
            : [Signal.Unchecked($"work budget of 10 characters reached; {target.Text.Length - 10} characters from offset 10 not scored", new TextSpan(10, target.Text.Length))];
    }

    private static ExchangeGuard Guard(FailMode mode) => new(
        new RuleEngine(
            new RuleSet([new Rule { Id = "partial.any", Category = "test", When = new DetectorCondition("partial", [], 0), Action = Decision.Flag }], "h"),
            Policy.Default with { FailMode = mode },
            new DetectorRegistry([new PartialDetector()])),
        TimeProvider.System);

    private static TextTarget Answer(string text) => new("response.choices[0].message", Direction.Response, "assistant", text);

    [Fact]
    public void Check_OverBudgetFailOpen_UncheckedNotBlocked()
    {
        var guard = Guard(FailMode.Open);
        guard.Evaluate([Answer("A text longer than the budget.")]);
        var verdict = guard.Verdict();

        Assert.Equal(Decision.Unchecked, verdict.Decision);
        Assert.Empty(verdict.Findings);
        Assert.Contains("partial: work budget of 10 characters reached; 20 characters from offset 10 not scored", verdict.UncheckedReasons);
    }

    [Fact]
    public void Check_OverBudgetFailClosed_TextWithheld()
    {
        var guard = Guard(FailMode.Closed);
        var evaluation = guard.Check(Answer("A text longer than the budget."));

        var finding = Assert.Single(evaluation.Findings);
        Assert.Equal(GuardFindings.NotJudgedRule, finding.Rule);
        Assert.Equal(Decision.Block, finding.Action);
        Assert.Equal("response.choices[0].message", finding.Target);
        Assert.Contains("work budget of 10 characters reached", finding.Explanation);
        Assert.DoesNotContain("longer", finding.Explanation); // the reasons quote no text
    }

    [Fact]
    public void Check_WithinBudgetFailClosed_NothingAdded()
    {
        var guard = Guard(FailMode.Closed);
        guard.Evaluate([Answer("Short.")]);

        Assert.Equal(Decision.Allow, guard.Verdict().Decision);
    }
}
