using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Server.Demo;

/// <summary>The demo upstream's answers in the Anthropic Messages shape, so the Anthropic SDK can be tried without a key.</summary>
internal static class DemoMessages
{
    /// <summary>A <c>message</c> object saying <paramref name="answer"/>.</summary>
    public static JsonObject Message(string answer, string model) => new()
    {
        ["id"] = "msg_demo",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = answer }),
        ["stop_reason"] = "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 0, ["output_tokens"] = 0 },
    };

    /// <summary>Streams the answer word by word as Messages events (<c>message_start</c> … <c>message_stop</c>).</summary>
    public static async Task StreamAsync(HttpContext context, string answer, string model)
    {
        context.Response.ContentType = "text/event-stream";
        async Task SendAsync(string name, JsonObject data)
        {
            await context.Response.WriteAsync($"event: {name}\ndata: {WireJson.Serialize(data)}\n\n", Encoding.UTF8, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
        var start = Message("", model);
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        await SendAsync("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start });
        await SendAsync("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } });
        foreach (var word in answer.Split(' '))
        {
            var delta = new JsonObject { ["type"] = "text_delta", ["text"] = word + " " };
            await SendAsync("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = delta });
            await Task.Delay(20, context.RequestAborted); // paced like a model, so streaming behaviour is visible
        }
        await SendAsync("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        await SendAsync("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 0 },
        });
        await SendAsync("message_stop", new JsonObject { ["type"] = "message_stop" });
    }
}
