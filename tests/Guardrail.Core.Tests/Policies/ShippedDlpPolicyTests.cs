using Guardrail.Audit;
using Guardrail.Detection;
using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Rules.Loading;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Policies;

/// <summary>
/// Personal data and secrets in prompts with the shipped rules and policies: which rules each direction selects, what
/// each policy does with them, and what the verdict and the masked audit text keep.
/// </summary>
public sealed class ShippedDlpPolicyTests
{
    private const string Card = "4111 1111 1111 1111";
    private const string Key = "sk-proj-abc123DEF456ghi789JKL012mno345PQR";
    private static readonly string Text = $"Pay with {Card} and call the API with {Key} please.";

    private static readonly Lazy<RuleLoadResult> Shipped = new(() =>
        RuleLoader.Load(TestPaths.Rules, [.. DefaultDetectors.Create().Names, "toxicity", "attack"]));

    // The PII rules alone: the toxicity and prompt-attack classifiers live in Guardrail.ML, and strict enables every rule.
    private static RuleEngine Engine(string policy)
    {
        Assert.True(Shipped.Value.Success, string.Join("\n", Shipped.Value.Errors));
        var pii = new RuleSet(Shipped.Value.RuleSet!.Rules.Where(r => r.Id.StartsWith("pii.", StringComparison.Ordinal)).ToArray(), "h");
        return new RuleEngine(pii, Shipped.Value.Policies[policy], DefaultDetectors.Create());
    }

    private static IReadOnlyList<Finding> Evaluate(string policy, Direction direction) =>
        Engine(policy).Evaluate(new TextTarget(direction == Direction.Request ? "request.messages[1]" : "response.choices[0].message", direction, null, Text)).Findings;

    [Theory]
    [InlineData("default", "flag")]
    [InlineData("observe", "flag")]
    [InlineData("dlp", "redact")]
    [InlineData("strict", "redact")]
    public void Evaluate_PromptWithCardAndKey_PromptRulesOnlyWithThePolicysAction(string policy, string action)
    {
        var findings = Evaluate(policy, Direction.Request);

        Assert.Equal(["pii.prompt.credit-card", "pii.prompt.secret"], findings.Select(f => f.Rule));
        Assert.All(findings, f => Assert.Equal((action, "request.messages[1]", "pii"), (f.Action.ToWire(), f.Target, f.Category)));
        Assert.Equal(Text.IndexOf(Card, StringComparison.Ordinal), findings[0].Span!.Value.Start);
        Assert.Equal((Card.Length, Key.Length), (findings[0].Span!.Value.Length, findings[1].Span!.Value.Length));
        Assert.Equal(["[CARD]", "[SECRET]"], findings.Select(f => f.Mask));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("dlp")]
    [InlineData("strict")]
    public void Evaluate_AnswerWithCardAndKey_AnswerRulesRedactPromptRulesSilent(string policy)
    {
        var findings = Evaluate(policy, Direction.Response);

        Assert.Equal(["pii.credit-card", "pii.secret"], findings.Select(f => f.Rule));
        Assert.All(findings, f => Assert.Equal(Decision.Redact, f.Action));
    }

    [Fact]
    public void Evaluate_FlaggedPromptPii_VerdictShowsTheMaskNeverTheValue()
    {
        var findings = Evaluate("default", Direction.Request);

        Assert.Equal(["[CARD]", "[SECRET]"], findings.Select(f => f.Text));
        Assert.All(findings, f => Assert.DoesNotContain("1111", f.Explanation, StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_MaskedAuditOfFlaggedPromptPii_SpansOverwrittenAndStillIndexTheStoredText()
    {
        var findings = Evaluate("default", Direction.Request);
        var verdict = new Verdict { Id = "gr_1", Policy = "default@h", Decision = Decision.Flag, Findings = findings };

        var stored = Assert.Single(AuditRedaction.Apply([new AuditedText("request.messages[1]", Text)], verdict, AuditTextMode.Masked)).Text;

        Assert.Equal(Text.Length, stored.Length);
        Assert.DoesNotContain(Card, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, stored, StringComparison.Ordinal);
        foreach (var span in findings.Select(f => f.Span!.Value))
        {
            Assert.Equal(new string(AuditRedaction.MaskChar, span.Length), stored[span.Start..span.End]);
        }
        Assert.StartsWith("Pay with █", stored, StringComparison.Ordinal);
        Assert.EndsWith("█ please.", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ShippedPiiRules_EveryAnswerRuleHasAPromptRuleWithTheSameMaskAndAction()
    {
        Assert.True(Shipped.Value.Success, string.Join("\n", Shipped.Value.Errors));
        var rules = Shipped.Value.RuleSet!.Rules.Where(r => r.Id.StartsWith("pii.", StringComparison.Ordinal)).ToDictionary(r => r.Id);
        var answers = rules.Values.Where(r => !r.Id.StartsWith("pii.prompt.", StringComparison.Ordinal)).ToList();

        Assert.Equal(8, answers.Count);
        foreach (var answer in answers)
        {
            var prompt = rules[answer.Id.Replace("pii.", "pii.prompt.", StringComparison.Ordinal)];
            Assert.Equal((RuleDirection.Response, RuleDirection.Request), (answer.Direction, prompt.Direction));
            Assert.Equal((answer.Mask, Decision.Flag), (prompt.Mask, prompt.Action));
        }
        Assert.Equal(answers.Count * 2, rules.Count);
    }
}
