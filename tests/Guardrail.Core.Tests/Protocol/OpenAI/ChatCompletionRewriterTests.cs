using System.Text.Json.Nodes;
using Guardrail.Protocol.OpenAI;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Protocol.OpenAI;

public class ChatCompletionRewriterTests
{
    private const string Path0 = "response.choices[0].message";

    private static JsonObject Completion(string content) => JsonNode.Parse($$$"""
        {"id":"c1","object":"chat.completion","model":"m","choices":[
          {"index":0,"message":{"role":"assistant","content":{{{JsonValue.Create(content).ToJsonString()}}},"refusal":null,
            "tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"stop"}],
         "usage":{"total_tokens":3}}
        """)!.AsObject();

    private static Finding F(string category, Decision action, double score, TextSpan? span = null, string? mask = null, string target = Path0) =>
        new() { Rule = category + ".r", Category = category, Target = target, Score = score, Threshold = 0.5, Action = action, Span = span, Mask = mask, Explanation = "x" };

    private static Verdict V(Decision decision, params Finding[] findings) => new()
    {
        Id = "gr_1", Policy = "default@1", Decision = decision, Findings = findings,
        Scores = new Dictionary<string, double> { ["toxicity"] = 0.02, ["pii"] = findings.Select(f => f.Score).DefaultIfEmpty(0).Max() },
    };

    [Fact]
    public void Apply_BlockFinding_ContentReplacedAndFinishContentFilter()
    {
        var completion = Completion("You are an idiot.");

        ChatCompletionRewriter.Apply(completion, V(Decision.Block, F("toxicity", Decision.Block, 0.97)), "Withheld.");

        var choice = completion["choices"]![0]!;
        Assert.Equal("Withheld.", (string)choice["message"]!["content"]!);
        Assert.Equal("content_filter", (string)choice["finish_reason"]!);
        Assert.False(choice["message"]!.AsObject().ContainsKey("tool_calls"));
        Assert.False(choice["message"]!.AsObject().ContainsKey("refusal"));
        var tox = choice["content_filter_results"]!["toxicity"]!;
        Assert.True((bool)tox["filtered"]!);
        Assert.True((bool)tox["detected"]!);
        Assert.Equal(0.97, (double)tox["score"]!);
        Assert.Equal(3, (int)completion["usage"]!["total_tokens"]!);
    }

    [Fact]
    public void Apply_RedactFindings_OverlappingSpansMergedOthersMasked()
    {
        var completion = Completion("Mail a@b.io or call 555-1234 now");
        var verdict = V(Decision.Redact,
            F("pii", Decision.Redact, 0.9, new TextSpan(5, 11), "[EMAIL]"),
            F("pii", Decision.Redact, 0.8, new TextSpan(8, 11), "[DOMAIN]"),
            F("pii", Decision.Redact, 0.7, new TextSpan(20, 28), "[PHONE]"),
            F("pii", Decision.Redact, 0.99, new TextSpan(0, 4), "[OTHER]", target: "response.choices[1].message"));

        ChatCompletionRewriter.Apply(completion, verdict, "Withheld.");

        var choice = completion["choices"]![0]!;
        Assert.Equal("Mail [EMAIL] or call [PHONE] now", (string)choice["message"]!["content"]!);
        Assert.Equal("stop", (string)choice["finish_reason"]!);
        var pii = choice["content_filter_results"]!["pii"]!;
        Assert.True((bool)pii["filtered"]!);
        Assert.Equal(0.9, (double)pii["score"]!);
    }

    [Fact]
    public void Apply_NoFindings_ResultsPerScoredCategoryAndGuardrailField()
    {
        var completion = Completion("Fine.");

        ChatCompletionRewriter.Apply(completion, V(Decision.Allow), "Withheld.");

        var choice = completion["choices"]![0]!;
        Assert.Equal("Fine.", (string)choice["message"]!["content"]!);
        var results = choice["content_filter_results"]!.AsObject();
        Assert.Equal(["toxicity", "pii"], results.Select(p => p.Key));
        Assert.False((bool)results["toxicity"]!["filtered"]!);
        Assert.False((bool)results["toxicity"]!["detected"]!);
        Assert.Equal(0.02, (double)results["toxicity"]!["score"]!);
        Assert.Equal("gr_1", (string)completion["guardrail"]!["id"]!);
        Assert.Equal("allow", (string)completion["guardrail"]!["decision"]!);
    }

    [Fact]
    public void Apply_FlagFinding_DetectedButNotFiltered()
    {
        var completion = Completion("The bridge opened in 1912.");

        ChatCompletionRewriter.Apply(completion, V(Decision.Flag, F("grounding", Decision.Flag, 0.81)), "Withheld.");

        var grounding = completion["choices"]![0]!["content_filter_results"]!["grounding"]!;
        Assert.False((bool)grounding["filtered"]!);
        Assert.True((bool)grounding["detected"]!);
        Assert.Equal("The bridge opened in 1912.", (string)completion["choices"]![0]!["message"]!["content"]!);
    }
}
