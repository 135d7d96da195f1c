using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Protocol.OpenAIResponses;

/// <summary>
/// Reads a Responses request into targets: <c>instructions</c>, <c>input</c> as a string or as items (messages, earlier
/// tool calls and what the tools returned, reasoning) and the variables of a stored prompt.
/// </summary>
internal sealed class ResponsesRequestReader
{
    private readonly TargetList _targets = new();
    private readonly List<string> _unreadable = [];

    /// <summary>Reads <paramref name="root"/>; false with a short reason when it is not a Responses request.</summary>
    public static bool TryRead(IProtocolAdapter adapter, JsonObject root, [NotNullWhen(true)] out AdapterRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        var input = root["input"];
        // Input may be left out when a stored prompt or an earlier response carries the conversation.
        if (input is not null && input is not JsonArray && JsonBody.String(input) is null)
        {
            error = "request input is neither a string nor a list";
            return false;
        }
        var reader = new ResponsesRequestReader();
        if (JsonBody.String(root["instructions"]) is { } instructions)
        {
            reader._targets.Add(new TextTarget("request.instructions", Direction.Request, "system", instructions) { Channel = TextChannel.System }, root, "instructions");
        }
        if (JsonBody.String(input) is { } text)
        {
            reader._targets.Add(new TextTarget("request.input", Direction.Request, "user", text), root, "input");
        }
        else if (input is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                // Items that are not objects are left for the upstream to reject; there is no text to inspect.
                if (items[i] is JsonObject item) reader.Item(item, $"request.input[{i}]");
            }
        }
        if (root["prompt"] is JsonObject prompt) reader.Prompt(prompt);
        request = new ResponsesRequest(adapter, root, reader._targets, JsonBody.IsTrue(root["stream"]))
        {
            Unreadable = reader._unreadable,
            StructuredOutput = IsStructured(root["text"]),
        };
        error = null;
        return true;
    }

    private void Item(JsonObject item, string path)
    {
        if (ResponseItems.TryAdd(item, path, Direction.Request, _targets, _unreadable)) return;
        switch (ResponseItems.KindOf(item))
        {
            case "function_call_output" or "custom_tool_call_output":
                ToolOutput(item, path);
                return;
            case "item_reference":
                // An item the upstream stored from an earlier answer, which the guard saw when it was written.
                return;
            default:
                _unreadable.Add($"{path} is {ResponseItems.TypeOf(item)}");
                return;
        }
    }

    // What a tool returned arrives here: indirect prompt injection is looked for in it like in any prompt text.
    private void ToolOutput(JsonObject item, string path)
    {
        var output = item["output"];
        if (JsonBody.String(output) is { } text)
        {
            _targets.Add(new TextTarget($"{path}.output", Direction.Request, "tool", text) { Channel = TextChannel.ToolResult }, item, "output");
            return;
        }
        if (output is not JsonArray parts) return;
        for (var k = 0; k < parts.Count; k++)
        {
            if (parts[k] is not JsonObject part) continue;
            var partPath = $"{path}.output[{k}]";
            if (JsonBody.String(part["type"]) is "input_text" or "output_text" && JsonBody.String(part["text"]) is { } partText)
            {
                _targets.Add(new TextTarget(partPath, Direction.Request, "tool", partText) { Channel = TextChannel.ToolResult }, part, "text");
            }
            else
            {
                _unreadable.Add($"{partPath} is {ResponseItems.TypeOf(part)}");
            }
        }
    }

    // A stored prompt's own text lives upstream, out of the guard's sight; the variables the caller fills in are read.
    private void Prompt(JsonObject prompt)
    {
        _unreadable.Add("request.prompt is a stored prompt whose text the guard cannot see");
        if (prompt["variables"] is not JsonObject variables) return;
        foreach (var (name, value) in variables.ToList())
        {
            var path = $"request.prompt.variables.{name}";
            if (JsonBody.String(value) is { } text)
            {
                _targets.Add(new TextTarget(path, Direction.Request, "user", text) { Channel = TextChannel.Prompt }, variables, name);
            }
            else if (value is JsonObject part && JsonBody.String(part["type"]) == "input_text" && JsonBody.String(part["text"]) is { } partText)
            {
                _targets.Add(new TextTarget(path, Direction.Request, "user", partText) { Channel = TextChannel.Prompt }, part, "text");
            }
            else if (value is not null)
            {
                _unreadable.Add($"{path} is {(value is JsonObject o ? ResponseItems.TypeOf(o) : "not text")}");
            }
        }
    }

    // JSON mode and structured outputs (text.format): a withheld answer must still be something the client's parse accepts.
    private static bool IsStructured(JsonNode? text) =>
        text is JsonObject o && o["format"] is JsonObject format && JsonBody.String(format["type"]) is "json_object" or "json_schema";
}
