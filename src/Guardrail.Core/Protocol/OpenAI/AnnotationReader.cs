using System.Text.Json.Nodes;
using Guardrail.Grounding;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Reads a message's <c>annotations</c> (OpenAI <c>url_citation</c>) for the grounding check; anything else is skipped.</summary>
internal static class AnnotationReader
{
    /// <summary>The URL citations of <paramref name="message"/>; null when it has none.</summary>
    public static IReadOnlyList<AnswerAnnotation>? Read(JsonObject message)
    {
        if (message["annotations"] is not JsonArray list) return null;
        List<AnswerAnnotation>? result = null;
        foreach (var node in list)
        {
            if (node is not JsonObject a || JsonBody.String(a["type"]) != "url_citation") continue;
            // The fields live under "url_citation" in Chat Completions; some compatible servers put them at the top.
            var c = a["url_citation"] as JsonObject ?? a;
            if (JsonBody.String(c["url"]) is not { Length: > 0 } url) continue;
            var start = JsonBody.Int(c["start_index"]) ?? 0;
            var end = JsonBody.Int(c["end_index"]) ?? start;
            (result ??= []).Add(new AnswerAnnotation(url, JsonBody.String(c["title"]), start, end));
        }
        return result;
    }
}
