using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Grounding;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Protocol.OpenAIResponses;

/// <summary>
/// A read Responses request: its sources are the <c>guardrail.sources</c> extension, what tools returned
/// (<c>function_call_output</c> items) and tagged or numbered sources in the instructions and in system, developer and
/// user messages, as Chat Completions reads its messages.
/// </summary>
internal sealed class ResponsesRequest(IProtocolAdapter adapter, JsonObject root, TargetList targets, bool stream)
    : AdapterRequest(adapter, root, targets, stream)
{
    /// <inheritdoc/>
    public override SourceSet? ExtractSources(SourceOptions options) =>
        SourceExtractor.ExtractWith(Root, options, collector =>
        {
            int tools = 0, tags = 0;
            if (JsonBody.String(Root["instructions"]) is { } instructions) SourceExtractor.AddTagged(instructions, "request.instructions", options, collector, ref tags);
            if (JsonBody.String(Root["input"]) is { } input) SourceExtractor.AddTagged(input, "request.input", options, collector, ref tags);
            if (Root["input"] is not JsonArray items) return;
            var names = FunctionNames(items);
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject item) continue;
                var origin = $"request.input[{i}]";
                switch (ResponseItems.KindOf(item))
                {
                    case "function_call_output" or "custom_tool_call_output":
                        var callId = JsonBody.String(item["call_id"]);
                        collector.Add(callId, callId is null ? null : names.GetValueOrDefault(callId), null, Text(item["output"]), origin, ++tools);
                        break;
                    case "message" when JsonBody.String(item["role"]) is "system" or "developer" or "user":
                        SourceExtractor.AddTagged(Text(item["content"]), origin, options, collector, ref tags);
                        break;
                }
            }
        });

    // The names of earlier calls, so what a tool returned carries its tool's name as a title.
    private static Dictionary<string, string> FunctionNames(JsonArray items)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in items)
        {
            if (node is JsonObject o && JsonBody.String(o["call_id"]) is { } id && JsonBody.String(o["name"]) is { } name) names.TryAdd(id, name);
        }
        return names;
    }

    // A string, or its text parts joined by line breaks (so a list split over parts stays a list).
    private static string Text(JsonNode? content)
    {
        if (JsonBody.String(content) is { } s) return s;
        var sb = new StringBuilder();
        if (content is not JsonArray parts) return "";
        foreach (var p in parts)
        {
            if (p is JsonObject o && JsonBody.String(o["type"]) is "input_text" or "output_text" && JsonBody.String(o["text"]) is { } t) sb.Append(sb.Length > 0 ? "\n" : "").Append(t);
        }
        return sb.ToString();
    }
}
