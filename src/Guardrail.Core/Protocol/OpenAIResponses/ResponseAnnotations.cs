using System.Text.Json.Nodes;
using Guardrail.Grounding;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Protocol.OpenAIResponses;

/// <summary>Reads an <c>output_text</c> part's <c>annotations</c>: URL citations (as Chat's), and file citations by file id.</summary>
internal static class ResponseAnnotations
{
    /// <summary>The part's citations; null when it has none.</summary>
    /// <remarks>
    /// A file citation (file search) names a file and a position, not a URL: it is read with the file id in place of
    /// the URL, so it resolves against a <c>guardrail.sources</c> entry whose <c>url</c> is that id.
    /// </remarks>
    public static IReadOnlyList<AnswerAnnotation>? Read(JsonObject part)
    {
        // Responses puts url_citation's fields at the top of the annotation, which the Chat reader accepts too.
        var urls = AnnotationReader.Read(part);
        if (part["annotations"] is not JsonArray list) return urls;
        List<AnswerAnnotation>? result = urls?.ToList();
        foreach (var node in list)
        {
            if (node is not JsonObject a || JsonBody.String(a["type"]) != "file_citation") continue;
            if (JsonBody.String(a["file_id"]) is not { Length: > 0 } file) continue;
            var at = JsonBody.Int(a["index"]) ?? 0;
            (result ??= []).Add(new AnswerAnnotation(file, JsonBody.String(a["filename"]), at, at));
        }
        return result;
    }
}
