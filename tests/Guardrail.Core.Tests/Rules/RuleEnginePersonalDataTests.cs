using Guardrail.Detection;
using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Rules.Conditions;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Rules;

/// <summary>What a finding's <c>text</c> shows: the span's text, unless the action withholds it or it is personal data.</summary>
public sealed class RuleEnginePersonalDataTests
{
    private const string Text = "Employee ACME-12345 asked for a raise.";

    private static Finding Evaluate(string category, Decision action, string? mask)
    {
        Assert.True(RegexCondition.TryCreate(@"ACME-\d+", ignoreCase: false, out var when, out _));
        var rule = new Rule { Id = $"{category}.employee-id", Category = category, Direction = RuleDirection.Request, When = when!, Action = action, Mask = mask };
        var engine = new RuleEngine(new RuleSet([rule], "h"), Policy.Default, new DetectorRegistry([]));
        return Assert.Single(engine.Evaluate(new TextTarget("request.messages[0]", Direction.Request, "user", Text)).Findings);
    }

    [Theory]
    [InlineData("[EMPLOYEE]", "[EMPLOYEE]")]
    [InlineData(null, "[REDACTED]")]
    public void Evaluate_FlaggedPersonalData_TextIsTheMaskNotTheValue(string? mask, string shown)
    {
        var finding = Evaluate("pii", Decision.Flag, mask);

        Assert.Equal((Decision.Flag, shown, new TextSpan(9, 19)), (finding.Action, finding.Text, finding.Span!.Value));
    }

    [Fact]
    public void Evaluate_FlaggedOtherCategory_TextIsTheSpansText()
    {
        Assert.Equal("ACME-12345", Evaluate("hr", Decision.Flag, "[EMPLOYEE]").Text);
    }

    [Fact]
    public void Evaluate_BlockedPersonalData_NoText()
    {
        Assert.Null(Evaluate("pii", Decision.Block, "[EMPLOYEE]").Text);
    }
}
