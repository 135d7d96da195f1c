using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Guardrail.Testing;

/// <summary>Builds and writes OpenAI chat completion bodies for the fake upstream.</summary>
public static class Completions
{
    /// <summary>A chat.completion JSON body with one choice per answer.</summary>
    public static string Json(params string[] answers)
    {
        var choices = new JsonArray();
        for (var i = 0; i < answers.Length; i++)
        {
            choices.Add(new JsonObject
            {
                ["index"] = i,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answers[i], ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            });
        }
        return new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1764300000,
            ["model"] = "fake-model",
            ["choices"] = choices,
            ["usage"] = new JsonObject { ["prompt_tokens"] = 5, ["completion_tokens"] = 7, ["total_tokens"] = 12 },
        }.ToJsonString();
    }

    /// <summary>Writes a completion, optionally gzip-compressed.</summary>
    public static async Task WriteAsync(HttpContext context, string answer, bool gzip = false)
    {
        var bytes = Encoding.UTF8.GetBytes(Json(answer));
        context.Response.ContentType = "application/json";
        if (gzip)
        {
            using var compressed = new MemoryStream();
            await using (var z = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) await z.WriteAsync(bytes);
            bytes = compressed.ToArray();
            context.Response.Headers.ContentEncoding = "gzip";
        }
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    /// <summary>A JSON request body gzip-compressed, as a client sends it with <c>Content-Encoding: gzip</c>.</summary>
    public static ByteArrayContent Gzipped(string json)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(json));
        var content = new ByteArrayContent(packed.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    /// <summary>A chat request body with one user message.</summary>
    public static string Request(string userText, bool stream = false, string model = "fake-model") => new JsonObject
    {
        ["model"] = model,
        ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = userText }),
    }.ToJsonString();
}
