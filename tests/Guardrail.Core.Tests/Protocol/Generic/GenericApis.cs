using System.Text.Json.Nodes;
using Guardrail.Protocol;
using Guardrail.Protocol.Generic;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Protocol.Generic;

/// <summary>Generic API definitions and findings for the generic adapter tests.</summary>
internal static class GenericApis
{
    /// <summary>Ollama's /api/generate: prompt and system, answer in response, NDJSON lines ending with done.</summary>
    public static GenericApi Ollama => Create(new GenericApiSettings
    {
        Paths = ["/api/generate"],
        Prompt = ["$.prompt", "$.system", "$.messages[*].content"],
        Answer = ["$.response"],
        StreamDelta = ["$.response"],
        Stream = "$.stream",
        StreamEnd = "$.done",
        Sources = ["$.context_docs[*]"],
    });

    /// <summary>An OpenAI-like SSE API that ends with [DONE].</summary>
    public static GenericApi SseApi => Create(new GenericApiSettings
    {
        Prompt = ["$.input"],
        Answer = ["$.output[*].text"],
        StreamDelta = ["$.delta.text", "$.delta.summary"],
    });

    public static GenericApi Create(GenericApiSettings settings, string name = "test-api")
    {
        Assert.True(GenericApi.TryCreate(name, "Guardrail:Apis:" + name, settings, out var api, out var errors), string.Join("\n", errors));
        return api;
    }

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    public static Finding Finding(string target, Decision action, TextSpan? span = null, string? mask = null) => new()
    {
        Rule = "r", Category = "c", Target = target, Score = 1, Threshold = 0.5, Action = action, Span = span, Mask = mask, Explanation = "x",
    };

    public static Verdict Verdict(Decision decision, params Finding[] findings) => new() { Id = "gr_1", Policy = "p@1", Decision = decision, Findings = findings };

    public static AnswerRewrite Rewrite(Verdict v) => new(v, new Dictionary<string, IReadOnlyDictionary<string, double>>(), "Withheld.", null);
}
