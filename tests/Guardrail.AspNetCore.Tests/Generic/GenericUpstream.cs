using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Testing;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Configuration;

namespace Guardrail.AspNetCore.Tests.Generic;

/// <summary>The generic APIs the proxy tests configure, as appsettings would, and fake upstream answers in their shapes.</summary>
internal static class GenericUpstream
{
    /// <summary>Ollama's /api/generate and an in-house API that only a route's metadata selects.</summary>
    public static Dictionary<string, string?> Configuration() => new()
    {
        ["Guardrail:Apis:ollama:Paths:0"] = "/api/generate",
        ["Guardrail:Apis:ollama:Prompt:0"] = "$.prompt",
        ["Guardrail:Apis:ollama:Prompt:1"] = "$.system",
        ["Guardrail:Apis:ollama:Answer:0"] = "$.response",
        ["Guardrail:Apis:ollama:StreamDelta:0"] = "$.response",
        ["Guardrail:Apis:ollama:Stream"] = "$.stream",
        ["Guardrail:Apis:ollama:StreamEnd"] = "$.done",
        ["Guardrail:Apis:inhouse:Prompt:0"] = "$.input.text",
        ["Guardrail:Apis:inhouse:Answer:0"] = "$.output[*].text",
        ["Guardrail:Apis:inhouse:StreamDelta:0"] = "$.delta",
    };

    /// <summary>A route for <c>/{prefix}/…</c> read by the adapter named <paramref name="api"/>.</summary>
    public static RouteConfig Route(string prefix, string api) => new()
    {
        RouteId = prefix,
        ClusterId = "upstream",
        Match = new RouteMatch { Path = $"/{prefix}/{{**rest}}" },
        Metadata = new Dictionary<string, string> { ["GuardrailPolicy"] = "test", ["GuardrailApi"] = api },
    };

    /// <summary>Answers /api/generate as Ollama does: one JSON object, or NDJSON lines ending with a done line.</summary>
    public static Func<HttpContext, Task> Ollama(FakeUpstream upstream) => async context =>
    {
        var request = JsonNode.Parse(upstream.RequestBodies[^1])!;
        var answer = upstream.Answer;
        if (request["stream"]?.GetValue<bool>() != true)
        {
            await WriteJsonAsync(context, new JsonObject { ["model"] = "llama3", ["created_at"] = "2026-01-01T00:00:00Z", ["response"] = answer, ["done"] = true, ["done_reason"] = "stop" });
            return;
        }
        context.Response.ContentType = "application/x-ndjson";
        for (var i = 0; i < answer.Length; i += 6)
        {
            var piece = new JsonObject { ["model"] = "llama3", ["response"] = answer.Substring(i, Math.Min(6, answer.Length - i)), ["done"] = false };
            await WriteLineAsync(context, piece.ToJsonString() + "\n");
        }
        await WriteLineAsync(context, """{"model":"llama3","response":"","done":true,"done_reason":"stop","eval_count":12}""" + "\n");
    };

    /// <summary>Answers the in-house API: <c>{"output":[{"text":…}]}</c>, or SSE deltas ending with [DONE].</summary>
    public static Func<HttpContext, Task> InHouse(FakeUpstream upstream) => async context =>
    {
        var request = JsonNode.Parse(upstream.RequestBodies[^1])!;
        if (request["stream"]?.GetValue<bool>() == true)
        {
            var answer = upstream.Answer;
            var events = new List<string>();
            for (var i = 0; i < answer.Length; i += 5) events.Add(new JsonObject { ["delta"] = answer.Substring(i, Math.Min(5, answer.Length - i)) }.ToJsonString());
            events.Add("[DONE]");
            await Sse.WriteAsync(context, events);
            return;
        }
        await WriteJsonAsync(context, new JsonObject { ["id"] = "out-1", ["output"] = new JsonArray(new JsonObject { ["text"] = upstream.Answer }) });
    };

    public static async Task<(HttpResponseMessage Response, JsonNode Body)> PostJsonAsync(HttpClient client, string path, string json)
    {
        var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public static string Decision(HttpResponseMessage response) => response.Headers.GetValues("x-guardrail-decision").Single();

    private static async Task WriteJsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static async Task WriteLineAsync(HttpContext context, string line)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line));
        await context.Response.Body.FlushAsync();
    }
}
