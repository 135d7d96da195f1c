using System.Text.Json.Nodes;
using Guardrail.Grounding;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Protocol.Anthropic;

/// <summary>Reads a text block's <c>citations</c> that name a URL (web search results) for the grounding check; others are skipped.</summary>
internal static class Citations
{
    /// <summary>The URL citations of <paramref name="block"/>, each covering the whole block; null when it has none.</summary>
    public static IReadOnlyList<AnswerAnnotation>? Read(JsonObject block)
    {
        if (block["citations"] is not JsonArray list) return null;
        var length = JsonBody.String(block["text"])?.Length ?? 0;
        List<AnswerAnnotation>? result = null;
        foreach (var node in list)
        {
            // Document citations (char/page/block locations) name a document by index, not a URL; the grounding
            // check reads those documents as sources and the answer's own markers, so they add nothing here.
            if (node is not JsonObject c || JsonBody.String(c["url"]) is not { Length: > 0 } url) continue;
            (result ??= []).Add(new AnswerAnnotation(url, JsonBody.String(c["title"]), 0, length));
        }
        return result;
    }
}
