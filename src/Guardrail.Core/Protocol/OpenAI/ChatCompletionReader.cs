using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Detection;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Reads an OpenAI <c>chat.completion</c> response body into inspectable targets.</summary>
public static class ChatCompletionReader
{
    /// <summary>Parses <paramref name="utf8Json"/>; returns false with a short reason for anything not shaped like a chat completion.</summary>
    public static bool TryRead(
        ReadOnlyMemory<byte> utf8Json,
        [NotNullWhen(true)] out ChatCompletionInfo? info,
        [NotNullWhen(false)] out string? error)
    {
        info = null;
        if (!JsonBody.TryParseObject(utf8Json.Span, "response", out var root, out error)) return false;
        // Some compatible servers omit "object"; a different value (an error, a list) is not ours to rewrite.
        if (root["object"] is not null && JsonBody.String(root["object"]) is not "chat.completion")
        {
            error = "response is not a chat.completion object";
            return false;
        }
        if (root["choices"] is not JsonArray choices)
        {
            error = "response has no choices array";
            return false;
        }

        var targets = new List<TextTarget>();
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] is not JsonObject choice) continue;
            if (choice["message"] is not JsonObject message) continue;
            if (!ContentParts.TryGetText(message["content"], out var text)) continue;
            targets.Add(new TextTarget(TargetPath(ChoiceIndex(choice, i)), Direction.Response, "assistant", text)
            {
                Annotations = AnnotationReader.Read(message),
            });
        }
        info = new ChatCompletionInfo(root, targets);
        return true;
    }

    /// <summary>The target path findings on a choice name, e.g. <c>response.choices[0].message</c>.</summary>
    public static string TargetPath(int choiceIndex) => $"response.choices[{choiceIndex}].message";

    /// <summary>The choice's own <c>index</c> field, or its position when the field is missing.</summary>
    internal static int ChoiceIndex(JsonObject choice, int position) => JsonBody.Int(choice["index"]) ?? position;
}
