using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Guardrail.Testing;

/// <summary>
/// Responses-shaped answers for the fake upstream: a response object, or its stream as the API sends it (numbered
/// typed events, text a few characters per delta, done events and the final response repeating the whole text).
/// </summary>
public static class ResponsesUpstream
{
    /// <summary>Answers every request with <see cref="FakeUpstream.Answer"/> as a message, or with <paramref name="output"/>'s items, streamed when asked.</summary>
    public static void Use(FakeUpstream upstream, Func<JsonArray>? output = null) => upstream.Handler = context =>
    {
        var stream = JsonNode.Parse(upstream.RequestBodies[^1])?["stream"]?.GetValue<bool>() == true;
        var items = output?.Invoke() ?? Message(upstream.Answer);
        return stream ? WriteStreamAsync(context, items) : WriteJsonAsync(context, Response(items, "completed"));
    };

    /// <summary>One assistant message with one output_text part.</summary>
    public static JsonArray Message(string text) => [new JsonObject
    {
        ["id"] = "msg_fake", ["type"] = "message", ["status"] = "completed", ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
    }];

    /// <summary>One function call with the given arguments.</summary>
    public static JsonArray FunctionCall(string arguments) => [new JsonObject
    {
        ["id"] = "fc_fake", ["type"] = "function_call", ["status"] = "completed", ["call_id"] = "call_fake", ["name"] = "send_mail", ["arguments"] = arguments,
    }];

    /// <summary>A response object with the given output items and status.</summary>
    public static JsonObject Response(JsonArray output, string status) => new()
    {
        ["id"] = "resp_fake", ["object"] = "response", ["created_at"] = 1764300000, ["status"] = status, ["model"] = "fake-model",
        ["error"] = null, ["incomplete_details"] = null, ["output"] = output, ["parallel_tool_calls"] = true, ["tool_choice"] = "auto", ["tools"] = new JsonArray(),
        ["usage"] = status == "in_progress" ? null : new JsonObject
        {
            ["input_tokens"] = 5, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = 7, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 }, ["total_tokens"] = 12,
        },
    };

    private static async Task WriteJsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static async Task WriteStreamAsync(HttpContext context, JsonArray items)
    {
        context.Response.ContentType = "text/event-stream";
        foreach (var evt in StreamEvents(items))
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(evt));
            await context.Response.Body.FlushAsync();
        }
    }

    /// <summary>The typed, numbered events of a stream that answers <paramref name="items"/>, <paramref name="piece"/> characters per delta, as raw SSE.</summary>
    public static List<string> StreamEvents(JsonArray items, int piece = 7)
    {
        var events = new List<JsonObject>
        {
            new() { ["type"] = "response.created", ["response"] = Response([], "in_progress") },
            new() { ["type"] = "response.in_progress", ["response"] = Response([], "in_progress") },
        };
        for (var i = 0; i < items.Count; i++) events.AddRange(ItemEvents(items[i]!.AsObject(), i, piece));
        events.Add(new JsonObject { ["type"] = "response.completed", ["response"] = Response(items.DeepClone().AsArray(), "completed") });
        for (var n = 0; n < events.Count; n++) events[n]["sequence_number"] = n;
        return events.Select(e => $"event: {e["type"]}\ndata: {e.ToJsonString()}\n\n").ToList();
    }

    private static IEnumerable<JsonObject> ItemEvents(JsonObject item, int index, int size)
    {
        var id = (string)item["id"]!;
        var open = (JsonObject)item.DeepClone();
        open["status"] = "in_progress";
        var isMessage = (string)item["type"]! == "message";
        if (isMessage) open["content"] = new JsonArray();
        else open["arguments"] = "";
        yield return new JsonObject { ["type"] = "response.output_item.added", ["output_index"] = index, ["item"] = open };
        if (isMessage)
        {
            var text = (string)item["content"]![0]!["text"]!;
            JsonObject At(string type) => new() { ["type"] = type, ["item_id"] = id, ["output_index"] = index, ["content_index"] = 0 };
            var added = At("response.content_part.added");
            added["part"] = new JsonObject { ["type"] = "output_text", ["text"] = "", ["annotations"] = new JsonArray() };
            yield return added;
            foreach (var piece in Pieces(text, size))
            {
                var delta = At("response.output_text.delta");
                delta["delta"] = piece;
                delta["logprobs"] = new JsonArray();
                yield return delta;
            }
            var done = At("response.output_text.done");
            done["text"] = text;
            done["logprobs"] = new JsonArray();
            yield return done;
            var partDone = At("response.content_part.done");
            partDone["part"] = item["content"]![0]!.DeepClone();
            yield return partDone;
        }
        else
        {
            var arguments = (string)item["arguments"]!;
            foreach (var piece in Pieces(arguments, size))
            {
                yield return new JsonObject { ["type"] = "response.function_call_arguments.delta", ["item_id"] = id, ["output_index"] = index, ["delta"] = piece };
            }
            yield return new JsonObject { ["type"] = "response.function_call_arguments.done", ["item_id"] = id, ["output_index"] = index, ["arguments"] = arguments };
        }
        yield return new JsonObject { ["type"] = "response.output_item.done", ["output_index"] = index, ["item"] = item.DeepClone() };
    }

    private static IEnumerable<string> Pieces(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size) yield return text.Substring(i, Math.Min(size, text.Length - i));
    }
}
