using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Detection;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Reads an OpenAI Chat Completions request body into inspectable targets, every text channel included.</summary>
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
        return TryRead(root, out info, out error);
    }

    /// <summary>Reads an already parsed body.</summary>
    public static bool TryRead(JsonObject root, [NotNullWhen(true)] out ChatRequestInfo? info, [NotNullWhen(false)] out string? error)
    {
        info = null;
        if (root["messages"] is not JsonArray messages)
        {
            error = "request has no messages array";
            return false;
        }

        var targets = new TargetList();
        var unreadable = new List<string>();
        for (var i = 0; i < messages.Count; i++)
        {
            // Messages that are not objects are left for the upstream to reject; there is no text to inspect.
            if (messages[i] is not JsonObject message) continue;
            var role = JsonBody.String(message["role"]);
            var channel = ChannelOf(role);
            var path = $"request.messages[{i}]";
            var content = message["content"];
            if (JsonBody.String(content) is { } text)
            {
                targets.Add(new TextTarget(path, Direction.Request, role, text) { Channel = channel }, message, "content");
            }
            else if (content is JsonArray parts)
            {
                for (var j = 0; j < parts.Count; j++)
                {
                    if (parts[j] is not JsonObject part) continue;
                    if (ContentParts.TryGetPartText(part, out var partText))
                    {
                        targets.Add(new TextTarget($"{path}.content[{j}]", Direction.Request, role, partText) { Channel = channel }, part, "text");
                    }
                    else if (!ContentParts.IsEmptyPart(part))
                    {
                        unreadable.Add($"{path}.content[{j}] is {ContentParts.TypeOf(part)}");
                    }
                }
            }
            ToolCalls.Read(message, path, Direction.Request, role, targets);
        }

        info = new ChatRequestInfo(root, JsonBody.IsTrue(root["stream"]), JsonBody.String(root["model"]), targets.Targets)
        {
            TargetList = targets,
            Unreadable = unreadable,
            Choices = Math.Clamp(JsonBody.Int(root["n"]) ?? 1, 1, 128),
            StructuredOutput = IsStructured(root["response_format"]),
        };
        error = null;
        return true;
    }

    /// <summary>The channel of a message by its role: system and developer instructions, tool results, or a message.</summary>
    public static TextChannel ChannelOf(string? role) => role switch
    {
        "system" or "developer" => TextChannel.System,
        "tool" or "function" => TextChannel.ToolResult,
        _ => TextChannel.Message,
    };

    // JSON mode and structured outputs: a withheld answer must still be something the client's JSON parse accepts.
    private static bool IsStructured(JsonNode? format) =>
        format is JsonObject o && JsonBody.String(o["type"]) is "json_object" or "json_schema";
}
