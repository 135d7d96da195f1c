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

    // Scores as the exchange guard keeps them: per target, here the first choice's message.
    private static void Apply(JsonObject completion, Verdict verdict, string message, bool structured = false)
    {
        Assert.True(ChatCompletionReader.TryRead(completion, out var info, out var error), error);
        var scores = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        foreach (var group in verdict.Findings.GroupBy(f => f.Target))
        {
            scores[group.Key] = group.GroupBy(f => f.Category).ToDictionary(g => g.Key, g => g.Max(f => f.Score));
        }
        var first = new Dictionary<string, double>((IDictionary<string, double>?)scores.GetValueOrDefault(Path0) ?? new Dictionary<string, double>()) { ["toxicity"] = 0.02 };
        first.TryAdd("pii", 0);
        scores[Path0] = first;
        var request = structured
            ? new Guardrail.Protocol.AdapterRequest(new ChatCompletionsAdapter(), new JsonObject(), new Guardrail.Protocol.TargetList(), false) { StructuredOutput = true }
            : null;
        ChatCompletionRewriter.Apply(info, new Guardrail.Protocol.AnswerRewrite(verdict, scores, message, request));
    }

    [Fact]
    public void Apply_AzureFilterResults_KeptBesideTheGuardsCategories()
    {
        var completion = Completion("Mail a@example.com.");
        completion["choices"]![0]!["content_filter_results"] = JsonNode.Parse(
            """{"hate":{"filtered":false,"severity":"safe"},"pii":{"filtered":true,"severity":"medium"},"violence":{"filtered":false,"severity":"low"}}""");

        Apply(completion, V(Decision.Flag, F("pii", Decision.Flag, 0.9)), "Withheld.");

        var results = completion["choices"]![0]!["content_filter_results"]!;
        Assert.Equal("low", (string)results["violence"]!["severity"]!);
        Assert.Equal("safe", (string)results["hate"]!["severity"]!);
        // A category both judged: Azure's severity and filter stay, the guard's detection and score join them.
        Assert.Equal("medium", (string)results["pii"]!["severity"]!);
        Assert.True((bool)results["pii"]!["filtered"]!);
        Assert.True((bool)results["pii"]!["detected"]!);
        Assert.Equal(0.9, (double)results["pii"]!["score"]!);
        Assert.Equal(0.02, (double)results["toxicity"]!["score"]!);
    }

    [Fact]
    public void Apply_ThreatBlockedBesideAzureViolence_ReportedUnderViolence()
    {
        var completion = Completion("I will hurt you.");
        completion["choices"]![0]!["content_filter_results"] = JsonNode.Parse("""{"violence":{"filtered":false,"severity":"safe"}}""");

        Apply(completion, V(Decision.Block, F("threat", Decision.Block, 0.93)), "Withheld.");

        var results = completion["choices"]![0]!["content_filter_results"]!.AsObject();
        Assert.False(results.ContainsKey("threat"));
        Assert.True((bool)results["violence"]!["filtered"]!);
        Assert.True((bool)results["violence"]!["detected"]!);
        Assert.Equal(0.93, (double)results["violence"]!["score"]!);
        Assert.Equal("safe", (string)results["violence"]!["severity"]!);   // Azure's own severity is kept
    }

    [Fact]
    public void Apply_HateFlaggedProfanityRecorded_SeverityAddedAndAllowNotDetected()
    {
        var completion = Completion("Holy shit.");

        Apply(completion, V(Decision.Flag, F("hate", Decision.Flag, 0.6), F("profanity", Decision.Allow, 0.9)), "Withheld.");

        var results = completion["choices"]![0]!["content_filter_results"]!.AsObject();
        Assert.Equal("medium", (string)results["hate"]!["severity"]!);
        Assert.False((bool)results["hate"]!["filtered"]!);
        Assert.False((bool)results["profanity"]!["detected"]!);   // recorded with action allow: scored, not a detection
        Assert.Equal(0.9, (double)results["profanity"]!["score"]!);
        Assert.False(results["profanity"]!.AsObject().ContainsKey("severity"));
    }

    [Fact]
    public void Apply_BlockFinding_ContentReplacedAndFinishContentFilter()
    {
        var completion = Completion("You are an idiot.");

        Apply(completion, V(Decision.Block, F("toxicity", Decision.Block, 0.97)), "Withheld.");

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

        Apply(completion, verdict, "Withheld.");

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

        Apply(completion, V(Decision.Allow), "Withheld.");

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

        Apply(completion, V(Decision.Flag, F("grounding", Decision.Flag, 0.81)), "Withheld.");

        var grounding = completion["choices"]![0]!["content_filter_results"]!["grounding"]!;
        Assert.False((bool)grounding["filtered"]!);
        Assert.True((bool)grounding["detected"]!);
        Assert.Equal("The bridge opened in 1912.", (string)completion["choices"]![0]!["message"]!["content"]!);
    }
}

public class ChatCompletionRewriterChannelTests
{
    private static JsonObject TwoChoices() => JsonNode.Parse("""
        {"object":"chat.completion","choices":[
          {"index":0,"message":{"role":"assistant","content":"Clean answer."},"finish_reason":"stop"},
          {"index":1,"message":{"role":"assistant","content":null,
            "tool_calls":[{"id":"t","type":"function","function":{"name":"pay","arguments":"{\"card\":\"4111 1111 1111 1111\"}"}}]},"finish_reason":"tool_calls"}]}
        """)!.AsObject();

    [Fact]
    public void Apply_BlockOnSecondChoice_FirstChoiceKeptWithOwnScores()
    {
        var completion = TwoChoices();
        Assert.True(ChatCompletionReader.TryRead(completion, out var info, out _));
        const string args = "response.choices[1].message.tool_calls[0].function.arguments";
        Assert.Contains(info.Targets, t => t.Path == args && t.Channel == Guardrail.Protocol.TextChannel.ToolArguments);
        var block = new Finding { Rule = "t.r", Category = "toxicity", Target = args, Score = 0.9, Threshold = 0.5, Action = Decision.Block, Explanation = "x" };
        var verdict = new Verdict { Id = "gr_1", Policy = "p@1", Decision = Decision.Block, Findings = [block], Scores = new Dictionary<string, double> { ["toxicity"] = 0.9 } };
        var scores = new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["response.choices[0].message"] = new Dictionary<string, double> { ["toxicity"] = 0.01 },
            [args] = new Dictionary<string, double> { ["toxicity"] = 0.9 },
        };

        ChatCompletionRewriter.Apply(info, new Guardrail.Protocol.AnswerRewrite(verdict, scores, "Withheld.", null));

        var first = completion["choices"]![0]!;
        Assert.Equal("Clean answer.", (string)first["message"]!["content"]!);
        Assert.Equal(0.01, (double)first["content_filter_results"]!["toxicity"]!["score"]!);
        var second = completion["choices"]![1]!;
        Assert.Equal("content_filter", (string)second["finish_reason"]!);
        Assert.False(second["message"]!.AsObject().ContainsKey("tool_calls"));
        Assert.Equal(0.9, (double)second["content_filter_results"]!["toxicity"]!["score"]!);
    }

    [Fact]
    public void Apply_RedactInToolArguments_ArgumentsStayValidJson()
    {
        var completion = TwoChoices();
        Assert.True(ChatCompletionReader.TryRead(completion, out var info, out _));
        const string args = "response.choices[1].message.tool_calls[0].function.arguments";
        var text = info.Targets.Single(t => t.Path == args).Text;
        var start = text.IndexOf("4111", StringComparison.Ordinal);
        var redact = new Finding { Rule = "pii.credit-card", Category = "pii", Target = args, Score = 1, Threshold = 0.5, Action = Decision.Redact, Span = new TextSpan(start, start + 19), Mask = "[CARD]", Explanation = "x" };
        var verdict = new Verdict { Id = "gr_1", Policy = "p@1", Decision = Decision.Redact, Findings = [redact] };

        ChatCompletionRewriter.Apply(info, new Guardrail.Protocol.AnswerRewrite(verdict, new Dictionary<string, IReadOnlyDictionary<string, double>>(), "Withheld.", null));

        var written = (string)completion["choices"]![1]!["message"]!["tool_calls"]![0]!["function"]!["arguments"]!;
        Assert.Equal("[CARD]", (string)JsonNode.Parse(written)!["card"]!);
    }
}

public class ChatCompletionRewriterStructuredTests
{
    [Fact]
    public void Apply_BlockedJsonModeAnswer_ContentNullAndMessageInRefusal()
    {
        var completion = JsonNode.Parse("""{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"{\"a\":1}"},"finish_reason":"stop"}]}""")!.AsObject();
        Assert.True(ChatCompletionReader.TryRead(completion, out var info, out _));
        var block = new Finding { Rule = "t.r", Category = "toxicity", Target = "response.choices[0].message", Score = 0.9, Threshold = 0.5, Action = Decision.Block, Explanation = "x" };
        var verdict = new Verdict { Id = "gr_1", Policy = "p@1", Decision = Decision.Block, Findings = [block] };
        var request = new Guardrail.Protocol.AdapterRequest(new ChatCompletionsAdapter(), new JsonObject(), new Guardrail.Protocol.TargetList(), false) { StructuredOutput = true };

        ChatCompletionRewriter.Apply(info, new Guardrail.Protocol.AnswerRewrite(verdict, new Dictionary<string, IReadOnlyDictionary<string, double>>(), "Withheld.", request));

        var message = completion["choices"]![0]!["message"]!.AsObject();
        Assert.True(message.ContainsKey("content"));
        Assert.Null(message["content"]);
        Assert.Equal("Withheld.", (string)message["refusal"]!);
    }
}
