using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Detection;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Reads an OpenAI Chat Completions request body into inspectable targets.</summary>
public static class ChatRequestReader
{
    /// <summary>Parses <paramref name="utf8Json"/>; returns false with a short reason for anything that is not a chat request.</summary>
    public static bool TryRead(
        ReadOnlyMemory<byte> utf8Json,
        [NotNullWhen(true)] out ChatRequestInfo? info,
        [NotNullWhen(false)] out string? error)
    {
        info = null;
        if (!JsonBody.TryParseObject(utf8Json.Span, "request", out var root, out error)) return false;
        if (root["messages"] is not JsonArray messages)
        {
            error = "request has no messages array";
            return false;
        }

        var targets = new List<TextTarget>();
        for (var i = 0; i < messages.Count; i++)
        {
            // Messages that are not objects are left for the upstream to reject; there is no text to inspect.
            if (messages[i] is not JsonObject message) continue;
            var role = JsonBody.String(message["role"]);
            var content = message["content"];
            if (JsonBody.String(content) is { } text)
            {
                targets.Add(new TextTarget($"request.messages[{i}]", Direction.Request, role, text));
            }
            else if (content is JsonArray parts)
            {
                for (var j = 0; j < parts.Count; j++)
                {
                    if (ContentParts.TryGetPartText(parts[j], out var partText))
                    {
                        targets.Add(new TextTarget($"request.messages[{i}].content[{j}]", Direction.Request, role, partText));
                    }
                }
            }
        }

        info = new ChatRequestInfo(root, JsonBody.IsTrue(root["stream"]), JsonBody.String(root["model"]), targets);
        return true;
    }
}
