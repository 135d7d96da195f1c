using System.Text.Json.Nodes;

namespace Guardrail.Protocol.OpenAI;

/// <summary>The text fields of a streamed chat delta, each a channel of its own: content, refusal, reasoning, tool-call arguments.</summary>
internal static class ChatDeltaText
{
    /// <summary>Every text in <paramref name="delta"/> with the field path under the choice's message it belongs to and its kind.</summary>
    public static IEnumerable<(string Suffix, TextChannel Kind, int Slot, string Text)> Read(JsonObject delta)
    {
        if (JsonBody.String(delta["content"]) is { Length: > 0 } content) yield return ("", TextChannel.Message, 0, content);
        foreach (var (field, kind) in ChatCompletionReader.ExtraChannels)
        {
            if (JsonBody.String(delta[field]) is { Length: > 0 } text) yield return ("." + field, kind, 0, text);
        }
        if (delta["tool_calls"] is JsonArray calls)
        {
            for (var k = 0; k < calls.Count; k++)
            {
                if (calls[k] is not JsonObject call || JsonBody.String(call["function"]?["arguments"]) is not { Length: > 0 } args) continue;
                var slot = JsonBody.Int(call["index"]) ?? k;
                yield return ($".tool_calls[{slot}].function.arguments", TextChannel.ToolArguments, slot, args);
            }
        }
        if (delta["function_call"] is JsonObject legacy && JsonBody.String(legacy["arguments"]) is { Length: > 0 } legacyArgs)
        {
            yield return (".function_call.arguments", TextChannel.ToolArguments, -1, legacyArgs);
        }
    }

    /// <summary>Removes every text field from <paramref name="delta"/> (tool-call entries keep their id, type and name); true when one was there.</summary>
    public static bool Remove(JsonObject delta)
    {
        var removed = false;
        if (JsonBody.String(delta["content"]) is { Length: > 0 }) removed |= delta.Remove("content");
        foreach (var (field, _) in ChatCompletionReader.ExtraChannels)
        {
            if (JsonBody.String(delta[field]) is { Length: > 0 }) removed |= delta.Remove(field);
        }
        if (delta["tool_calls"] is JsonArray calls)
        {
            for (var k = calls.Count - 1; k >= 0; k--)
            {
                if (calls[k] is not JsonObject call || call["function"] is not JsonObject function) continue;
                if (JsonBody.String(function["arguments"]) is not { Length: > 0 }) continue;
                function.Remove("arguments");
                removed = true;
                // An entry left with only its index tells the client nothing.
                if (function.Count == 0) call.Remove("function");
                if (call.All(p => p.Key == "index")) calls.RemoveAt(k);
            }
            if (calls.Count == 0) delta.Remove("tool_calls");
        }
        if (delta["function_call"] is JsonObject legacy && JsonBody.String(legacy["arguments"]) is { Length: > 0 })
        {
            legacy.Remove("arguments");
            removed = true;
            if (legacy.Count == 0) delta.Remove("function_call");
        }
        return removed;
    }

    /// <summary>A delta that carries <paramref name="text"/> on the channel of <paramref name="channel"/>.</summary>
    public static JsonObject Delta(StreamChannel channel, string text)
    {
        if (channel.Kind == TextChannel.ToolArguments)
        {
            var function = new JsonObject { ["arguments"] = text };
            return channel.Slot < 0
                ? new JsonObject { ["function_call"] = function }
                : new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = channel.Slot, ["function"] = function }) };
        }
        var field = channel.Path[(channel.Path.LastIndexOf('.') + 1)..];
        return new JsonObject { [field == "message" ? "content" : field] = text };
    }
}
