using System.Text;
using System.Text.Json.Nodes;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Reads chat message content, which is either a string or an array of typed parts.</summary>
internal static class ContentParts
{
    /// <summary>The text of a <c>{"type":"text","text":…}</c> part; false for images, audio and anything else.</summary>
    public static bool TryGetPartText(JsonNode? part, out string text)
    {
        text = "";
        if (part is not JsonObject o) return false;
        if (JsonBody.String(o["type"]) is not "text") return false;
        if (JsonBody.String(o["text"]) is not { } t) return false;
        text = t;
        return true;
    }

    /// <summary>True for a text part with no text and for parts that carry nothing (null, a bare string is text).</summary>
    public static bool IsEmptyPart(JsonObject part) => JsonBody.String(part["type"]) is "text" && part["text"] is null;

    /// <summary>A part's type for a reason text (never its content).</summary>
    public static string TypeOf(JsonObject part) => JsonBody.String(part["type"]) is { Length: > 0 and <= 40 } t ? t : "a non-text part";

    /// <summary>The whole text of a content node: the string itself, or its text parts concatenated.</summary>
    public static bool TryGetText(JsonNode? content, out string text)
    {
        if (JsonBody.String(content) is { } s)
        {
            text = s;
            return true;
        }
        text = "";
        if (content is not JsonArray parts) return false;
        var sb = new StringBuilder();
        var any = false;
        foreach (var part in parts)
        {
            if (!TryGetPartText(part, out var t)) continue;
            sb.Append(t);
            any = true;
        }
        text = sb.ToString();
        return any;
    }
}
