using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Pipeline;
using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Rules.Conditions;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Pipeline;

public sealed class ExchangeCheckerGroundingTests
{
    private static ExchangeChecker Checker(Policy? policy = null)
    {
        var rules = GroundingKinds.All
            .Select(kind => new Rule { Id = "grounding." + kind, Category = "grounding", Direction = RuleDirection.Response, When = new DetectorCondition("grounding", [kind], 0.5) })
            .ToArray();
        return new ExchangeChecker(new RuleEngine(new RuleSet(rules, "h"), policy ?? Policy.Default, DefaultDetectors.Create()), TimeProvider.System);
    }

    private static JsonNode Request(string sources) => JsonNode.Parse(
        """{"model": "m", "messages": [{"role": "user", "content": "When did the bridge open?"}], "guardrail": {"sources": [""" + sources + "]}}")!;

    private static JsonNode Completion(string content) => new JsonObject
    {
        ["object"] = "chat.completion",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
        }),
    };

    private const string BridgeSource = """{"id": "1", "text": "The Golden Gate Bridge opened to traffic in 1937."}""";

    [Fact]
    public void CheckExchange_SourcesInRequest_AnswerJudgedAgainstThem()
    {
        const string answer = "The Golden Gate Bridge opened to traffic in 1937 [1]. The Golden Gate Bridge was designed by Gustave Eiffel in Lyon [1].";
        var verdict = Checker().CheckExchange(Request(BridgeSource), Completion(answer));

        var f = Assert.Single(verdict.Findings);
        Assert.Equal(("grounding.unsupported-claim", "response.choices[0].message", Decision.Flag), (f.Rule, f.Target, f.Action));
        Assert.Equal("The Golden Gate Bridge was designed by Gustave Eiffel in Lyon [1].", answer[f.Span!.Value.Start..f.Span.Value.End]);
        Assert.Equal(f.Text, answer[f.Span.Value.Start..f.Span.Value.End]);
        Assert.Equal(0.5, verdict.Scores["grounding"]);
        Assert.Equal("grounding-overlap", verdict.Models["grounding"]);
        Assert.Equal(Decision.Flag, verdict.Decision);
    }

    [Fact]
    public void CheckExchange_NoSources_NoGroundingFindingsScoreOrModel()
    {
        var request = JsonNode.Parse("""{"messages": [{"role": "user", "content": "When did the bridge open?"}]}""");
        var verdict = Checker().CheckExchange(request, Completion("It opened in 1912 [3]."));

        Assert.Empty(verdict.Findings);
        Assert.False(verdict.Scores.ContainsKey("grounding"));
        Assert.False(verdict.Models.ContainsKey("grounding"));
        Assert.Equal(Decision.Allow, verdict.Decision);
    }

    [Fact]
    public void CheckExchange_PolicyRequiresCitations_UncitedReported()
    {
        var policy = Policy.Default with { Grounding = SourceOptions.Default with { RequireCitations = true } };
        var verdict = Checker(policy).CheckExchange(Request(BridgeSource), Completion("The Golden Gate Bridge opened to traffic in 1937."));

        Assert.Equal("grounding.uncited-claim", Assert.Single(verdict.Findings).Rule);
        Assert.Equal(1.0, verdict.Scores["grounding"]);
    }

    [Fact]
    public void CheckExchange_EmptyAndCutSources_NotesAndUncheckedInVerdict()
    {
        var policy = Policy.Default with { Grounding = SourceOptions.Default with { MaxSourceChars = 30 } };
        var verdict = Checker(policy).CheckExchange(Request(BridgeSource + """, {"id": "2", "text": ""}"""), Completion("It opened [1]."));

        Assert.Equal(["grounding: source 2 (guardrail.sources[1]) is empty; ignored"], verdict.Notes);
        Assert.Equal(["grounding: source 1 cut to 30 characters"], verdict.UncheckedReasons);
        Assert.Equal(Decision.Unchecked, verdict.Decision);
    }
}
