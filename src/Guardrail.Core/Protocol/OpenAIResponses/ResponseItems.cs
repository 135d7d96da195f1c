using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Protocol.OpenAIResponses;

/// <summary>Reads the typed items a request's <c>input</c> and an answer's <c>output</c> share: messages, function and custom tool calls, reasoning.</summary>
internal static class ResponseItems
{
    /// <summary>An item's or part's type for a reason text (never its content).</summary>
    public static string TypeOf(JsonObject node) => JsonBody.String(node["type"]) is { Length: > 0 and <= 40 } t ? t : "an untyped item";

    /// <summary>The item's type; a bare <c>{role, content}</c> is a message, as the API reads it.</summary>
    public static string? KindOf(JsonObject item) => JsonBody.String(item["type"]) ?? (item["role"] is not null ? "message" : null);

    /// <summary>
    /// Adds the texts of a message, function_call, custom_tool_call or reasoning item at <paramref name="path"/>; false
    /// for any other type. Parts the checks cannot read are added to <paramref name="unreadable"/> when it is given.
    /// </summary>
    public static bool TryAdd(JsonObject item, string path, Direction direction, TargetList targets, List<string>? unreadable)
    {
        switch (KindOf(item))
        {
            case "message":
                Message(item, path, direction, targets, unreadable);
                return true;
            case "function_call":
                ToolText(item, "arguments", path, direction, targets);
                return true;
            case "custom_tool_call":
                ToolText(item, "input", path, direction, targets);
                return true;
            case "reasoning":
                Reasoning(item, path, direction, targets);
                return true;
            default:
                return false;
        }
    }

    private static void Message(JsonObject item, string path, Direction direction, TargetList targets, List<string>? unreadable)
    {
        var role = direction == Direction.Response ? "assistant" : JsonBody.String(item["role"]);
        var channel = ChatRequestReader.ChannelOf(role);
        var content = item["content"];
        if (JsonBody.String(content) is { } text)
        {
            targets.Add(new TextTarget(path, direction, role, text) { Channel = channel }, item, "content");
            return;
        }
        if (content is not JsonArray parts) return;
        for (var j = 0; j < parts.Count; j++)
        {
            if (parts[j] is not JsonObject part) continue;
            var partPath = $"{path}.content[{j}]";
            switch (JsonBody.String(part["type"]))
            {
                case "input_text" or "output_text" when JsonBody.String(part["text"]) is { } partText:
                    var annotations = direction == Direction.Response ? ResponseAnnotations.Read(part) : null;
                    targets.Add(new TextTarget(partPath, direction, role, partText) { Channel = channel, Annotations = annotations }, part, "text");
                    break;
                case "refusal" when JsonBody.String(part["refusal"]) is { } refusal:
                    targets.Add(new TextTarget(partPath, direction, role, refusal) { Channel = TextChannel.Refusal }, part, "refusal");
                    break;
                case "input_text" or "output_text" or "refusal":
                    break; // no text: nothing to read
                default:
                    unreadable?.Add($"{partPath} is {TypeOf(part)}");
                    break;
            }
        }
    }

    // Arguments are JSON in a string: a mask that would leave them unparseable (one across a quote) is not written,
    // as for Anthropic tool input, rather than handing the tool a string it cannot read. Free text is always masked.
    private static void ToolText(JsonObject item, string field, string path, Direction direction, TargetList targets)
    {
        if (JsonBody.String(item[field]) is not { } text) return;
        var wasJson = IsJsonObject(text);
        var target = new TextTarget($"{path}.{field}", direction, "assistant", text) { Channel = TextChannel.ToolArguments };
        targets.Add(target, masked =>
        {
            if (!wasJson || IsJsonObject(masked)) item[field] = masked;
        });
    }

    // A request sends back the upstream's own reasoning item (its encrypted content belongs to it), so it is checked
    // but not rewritten there; in an answer the summary is text shown to people and is masked like any other.
    private static void Reasoning(JsonObject item, string path, Direction direction, TargetList targets)
    {
        foreach (var (field, partType) in ReasoningParts)
        {
            if (item[field] is not JsonArray parts) continue;
            for (var k = 0; k < parts.Count; k++)
            {
                if (parts[k] is not JsonObject part || JsonBody.String(part["type"]) is { } t && t != partType) continue;
                if (JsonBody.String(part["text"]) is not { } text) continue;
                var target = new TextTarget($"{path}.{field}[{k}]", direction, "assistant", text) { Channel = TextChannel.Reasoning };
                if (direction == Direction.Response) targets.Add(target, part, "text");
                else targets.Add(target, writer: null);
            }
        }
    }

    /// <summary>A reasoning item's text lists and the part type each holds.</summary>
    public static readonly (string Field, string PartType)[] ReasoningParts = [("summary", "summary_text"), ("content", "reasoning_text")];

    private static bool IsJsonObject(string text) => JsonBody.TryParseObject(System.Text.Encoding.UTF8.GetBytes(text), "arguments", out _, out _);
}
