using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Protocol.Anthropic;

/// <summary>Reads the typed content blocks requests and answers share (text, thinking, tool_use) into targets.</summary>
internal static class ContentBlocks
{
    /// <summary>A block's type for a reason text (never its content).</summary>
    public static string TypeOf(JsonObject block) => JsonBody.String(block["type"]) is { Length: > 0 and <= 40 } t ? t : "an untyped block";

    /// <summary>Adds the text, thinking or tool_use block at <paramref name="path"/>; false for any other type.</summary>
    public static bool TryAdd(JsonObject block, string path, Direction direction, string? role, TextChannel textChannel, TargetList targets)
    {
        switch (JsonBody.String(block["type"]))
        {
            case "text":
                if (JsonBody.String(block["text"]) is { } text)
                {
                    targets.Add(new TextTarget(path, direction, role, text) { Channel = textChannel, Annotations = Citations.Read(block) }, block, "text");
                }
                return true;
            case "thinking":
                // A changed thinking block fails its signature check upstream, so it is checked but never rewritten.
                if (JsonBody.String(block["thinking"]) is { } thinking)
                {
                    targets.Add(new TextTarget(path, direction, role, thinking) { Channel = TextChannel.Reasoning }, writer: null);
                }
                return true;
            case "tool_use":
                AddToolInput(block, path + ".input", direction, role, targets);
                return true;
            default:
                return false;
        }
    }

    // The input is a JSON object: it is checked as its serialisation and written back parsed, or not at all when the
    // masked text is no longer JSON (a mask across a quote), rather than sending the tool a string it does not expect.
    private static void AddToolInput(JsonObject block, string path, Direction direction, string? role, TargetList targets)
    {
        if (block["input"] is not JsonObject input) return;
        var target = new TextTarget(path, direction, role, Verdicts.WireJson.Serialize(input)) { Channel = TextChannel.ToolArguments };
        targets.Add(target, masked =>
        {
            if (JsonBody.TryParseObject(System.Text.Encoding.UTF8.GetBytes(masked), "tool input", out var parsed, out _)) block["input"] = parsed;
        });
    }
}
