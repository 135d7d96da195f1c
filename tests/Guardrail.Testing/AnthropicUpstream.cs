using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Guardrail.Testing;

/// <summary>Anthropic-shaped answers for the fake upstream: a message, or its stream a few characters per text_delta.</summary>
public static class AnthropicUpstream
{
    /// <summary>Answers every request with <see cref="FakeUpstream.Answer"/> in the Messages shape, streamed when asked.</summary>
    public static void Use(FakeUpstream upstream) => upstream.Handler = context =>
    {
        var stream = JsonNode.Parse(upstream.RequestBodies[^1])?["stream"]?.GetValue<bool>() == true;
        return stream ? WriteStreamAsync(context, upstream.Answer) : WriteMessageAsync(context, upstream.Answer);
    };

    public static JsonObject Message(string answer) => new()
    {
        ["id"] = "msg_fake",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = "fake-model",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = answer }),
        ["stop_reason"] = "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 5, ["output_tokens"] = 7 },
    };

    public static JsonObject Request(string user, bool stream = false) => new()
    {
        ["model"] = "fake-model",
        ["max_tokens"] = 100,
        ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = user }),
    };

    private static async Task WriteMessageAsync(HttpContext context, string answer)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Message(answer).ToJsonString());
    }

    private static async Task WriteStreamAsync(HttpContext context, string answer)
    {
        context.Response.ContentType = "text/event-stream";
        foreach (var evt in StreamEvents(answer))
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(evt));
            await context.Response.Body.FlushAsync();
        }
    }

    /// <summary>The Messages stream of <paramref name="answer"/>, <paramref name="piece"/> characters per text_delta, as raw SSE events.</summary>
    public static List<string> StreamEvents(string answer, int piece = 7)
    {
        var start = Message("");
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        var events = new List<(string, JsonObject)>
        {
            ("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start }),
            ("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } }),
            ("ping", new JsonObject { ["type"] = "ping" }),
        };
        for (var i = 0; i < answer.Length; i += piece)
        {
            var delta = new JsonObject { ["type"] = "text_delta", ["text"] = answer.Substring(i, Math.Min(piece, answer.Length - i)) };
            events.Add(("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = delta }));
        }
        events.Add(("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 }));
        events.Add(("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 7 },
        }));
        events.Add(("message_stop", new JsonObject { ["type"] = "message_stop" }));
        return events.Select(e => $"event: {e.Item1}\ndata: {e.Item2.ToJsonString()}\n\n").ToList();
    }
}
