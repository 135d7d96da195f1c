using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Guardrail.Testing;

/// <summary>Builds and writes OpenAI streaming (SSE) answers for the fake upstream.</summary>
public static class Sse
{
    /// <summary>The data lines of a stream that sends <paramref name="answer"/> a few characters at a time.</summary>
    public static List<string> Chunks(string answer, int piece = 7)
    {
        var chunks = new List<string> { Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null) };
        for (var i = 0; i < answer.Length; i += piece)
        {
            chunks.Add(Chunk(new JsonObject { ["content"] = answer.Substring(i, Math.Min(piece, answer.Length - i)) }, null));
        }
        chunks.Add(Chunk(new JsonObject(), "stop"));
        chunks.Add("[DONE]");
        return chunks;
    }

    /// <summary>One chunk's JSON.</summary>
    public static string Chunk(JsonObject delta, string? finishReason) => new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1764300000,
        ["model"] = "fake-model",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finishReason }),
    }.ToJsonString();

    /// <summary>Writes the data lines as SSE events, flushing each, with an optional pause between them.</summary>
    public static async Task WriteAsync(HttpContext context, IEnumerable<string> dataLines, TimeSpan? delay = null, CancellationToken ct = default)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
        }
        foreach (var data in dataLines)
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"data: {data}\n\n"), ct);
            await context.Response.Body.FlushAsync(ct);
            if (delay is { } d) await Task.Delay(d, ct);
        }
    }
}
