using System.Text.Json.Nodes;
using Guardrail.Server.Cli;
using Guardrail.Testing;

namespace Guardrail.Server.Tests.Cli;

/// <summary>
/// The shipped policies act per toxicity category (rules/toxicity): under default threats are blocked, hate and insults
/// flagged, profanity aimed at no one scored but not acted on; strict flags profanity and blocks hate and insults.
/// </summary>
public sealed class ToxicityCategoryPolicyTests
{
    private static JsonNode Verdict(string text, string policy = "default")
    {
        var stdout = new StringWriter();
        var code = CheckCommand.Run(null, text, RepoPaths.Rules, policy, new StringReader(""), stdout, new StringWriter(), RepoPaths.Models);
        Assert.Equal(0, code);
        return JsonNode.Parse(stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Single())!["verdict"]!;
    }

    [Theory]
    [InlineData("Immigrants are vermin and should be sent back.", "flag", "hate")]
    [InlineData("我知道你住哪，小心我弄死你。", "block", "threat")]
    [InlineData("I will find where you live and I will kill you.", "block", "threat")]
    [InlineData("You are a worthless idiot and nobody likes you.", "flag", "insult")]
    [InlineData("你就是个废物，脑残。", "flag", "insult")]
    public void Check_DefaultPolicy_ActsOnCategory(string text, string decision, string category)
    {
        var verdict = Verdict(text);

        Assert.Equal(decision, verdict["decision"]!.GetValue<string>());
        Assert.Contains(verdict["findings"]!.AsArray(), f => f!["category"]!.GetValue<string>() == category && f["action"]!.GetValue<string>() == decision);
    }

    [Theory]
    [InlineData("Holy shit, what a game!")]
    [InlineData("This fucking printer jammed again.")]
    [InlineData("卧槽，这游戏太难了。")]
    public void Check_DefaultPolicy_ProfanityAloneScoredNotActedOn(string text)
    {
        var verdict = Verdict(text);

        Assert.Equal("allow", verdict["decision"]!.GetValue<string>());
        Assert.True(verdict["scores"]!["profanity"]!.GetValue<double>() >= 0.5);
        Assert.All(verdict["findings"]!.AsArray(), f => Assert.Equal("allow", f!["action"]!.GetValue<string>()));
    }

    [Fact]
    public void Check_StrictPolicy_ProfanityFlaggedAndTheUmbrellaBlocks()
    {
        var verdict = Verdict("Holy shit, what a game!", "strict");

        Assert.Contains(verdict["findings"]!.AsArray(), f => f!["category"]!.GetValue<string>() == "profanity" && f["action"]!.GetValue<string>() == "flag");
        Assert.Equal("block", verdict["decision"]!.GetValue<string>());   // strict blocks on the umbrella at its block point
    }

    [Theory]
    [InlineData("I will find where you live and I will kill you.", "threat", "kill", "default")]
    [InlineData("Immigrants are vermin and should be sent back.", "hate", "vermin", "strict")]
    public void Check_BlockedFinding_ExplanationAndEvidenceQuoteNoWithheldWord(string text, string category, string word, string policy)
    {
        var verdict = Verdict(text, policy);

        Assert.Contains(verdict["findings"]!.AsArray(), f => f!["action"]!.GetValue<string>() == "block" && f["category"]!.GetValue<string>() == category);
        foreach (var finding in verdict["findings"]!.AsArray().Where(f => f!["action"]!.GetValue<string>() == "block"))
        {
            Assert.DoesNotContain(word, finding!["explanation"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(word, finding["evidence"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            Assert.Null(finding["text"]);
        }
    }

    [Fact]
    public void Check_StrictPolicy_HateBlocked()
    {
        var verdict = Verdict("Immigrants are vermin and should be sent back.", "strict");

        Assert.Equal("block", verdict["decision"]!.GetValue<string>());
        Assert.Contains(verdict["findings"]!.AsArray(), f => f!["category"]!.GetValue<string>() == "hate" && f["action"]!.GetValue<string>() == "block");
    }
}
