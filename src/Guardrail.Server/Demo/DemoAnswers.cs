using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Server.Demo;

/// <summary>What the demo upstream says: an echo of the last user message, in the OpenAI shapes.</summary>
internal static class DemoAnswers
{
    /// <summary>The answer to a chat request.</summary>
    public static string For(JsonNode? request)
    {
        var messages = request?["messages"] as JsonArray;
        var last = messages?.LastOrDefault(m => m?["role"]?.GetValue<string>() == "user");
        var text = last?["content"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonArray parts => string.Join(" ", parts.Select(p => p?["text"]?.GetValue<string>()).Where(t => t is not null)),
            _ => "",
        };
        return text.Length == 0
            ? "Hello! I am Guardrail's demo upstream. I repeat what you say, so you can watch the checks work."
            : $"You said: {text}";
    }

    /// <summary>A chat.completion object.</summary>
    public static JsonObject Completion(string answer, string model) => new()
    {
        ["id"] = "chatcmpl-demo",
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 0, ["completion_tokens"] = 0, ["total_tokens"] = 0 },
    };

    /// <summary>Streams the answer word by word as chat.completion.chunk events.</summary>
    public static async Task StreamAsync(HttpContext context, string answer, string model)
    {
        context.Response.ContentType = "text/event-stream";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        async Task SendAsync(JsonObject delta, string? finish)
        {
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-demo",
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
            };
            await context.Response.WriteAsync($"data: {WireJson.Serialize(chunk)}\n\n", Encoding.UTF8, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
        await SendAsync(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null);
        foreach (var word in answer.Split(' '))
        {
            await SendAsync(new JsonObject { ["content"] = word + " " }, null);
            await Task.Delay(20, context.RequestAborted); // paced like a model, so streaming behaviour is visible
        }
        await SendAsync(new JsonObject(), "stop");
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }
}
