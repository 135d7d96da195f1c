using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Testing;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Tests.Sdk;

/// <summary>
/// Answers as an Azure OpenAI deployment does: chat completions with Azure's own <c>prompt_filter_results</c> and
/// per-choice <c>content_filter_results</c>, streams opening with Azure's empty-object prompt-filter chunk.
/// Records the path and query of every call.
/// </summary>
internal sealed class AzureUpstream(FakeUpstream upstream)
{
    public List<string> Targets { get; } = [];

    public async Task HandleAsync(HttpContext context)
    {
        lock (Targets) Targets.Add(context.Request.Path + context.Request.QueryString);
        var stream = JsonNode.Parse(upstream.RequestBodies[^1])?["stream"]?.GetValue<bool>() == true;
        if (stream)
        {
            await Sse.WriteAsync(context, Chunks(upstream.Answer));
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Completion(upstream.Answer).ToJsonString());
    }

    private static JsonObject Severity() => new() { ["filtered"] = false, ["severity"] = "safe" };

    private static JsonObject Filters() => new() { ["hate"] = Severity(), ["self_harm"] = Severity(), ["sexual"] = Severity(), ["violence"] = Severity() };

    private static JsonArray PromptFilters()
    {
        var filters = Filters();
        filters["jailbreak"] = new JsonObject { ["filtered"] = false, ["detected"] = false };
        return [new JsonObject { ["prompt_index"] = 0, ["content_filter_results"] = filters }];
    }

    public static JsonObject Completion(string answer) => new()
    {
        ["choices"] = new JsonArray(new JsonObject
        {
            ["content_filter_results"] = Filters(),
            ["finish_reason"] = "stop",
            ["index"] = 0,
            ["logprobs"] = null,
            ["message"] = new JsonObject { ["content"] = answer, ["refusal"] = null, ["role"] = "assistant" },
        }),
        ["created"] = 1764300000,
        ["id"] = "chatcmpl-azure",
        ["model"] = "gpt-4o-2024-08-06",
        ["object"] = "chat.completion",
        ["prompt_filter_results"] = PromptFilters(),
        ["system_fingerprint"] = "fp_azure",
        ["usage"] = new JsonObject { ["completion_tokens"] = 7, ["prompt_tokens"] = 5, ["total_tokens"] = 12 },
    };

    private static string Chunk(JsonObject? delta, string? finish, JsonObject filters) => new JsonObject
    {
        ["choices"] = new JsonArray(new JsonObject
        {
            ["content_filter_results"] = filters,
            ["delta"] = delta ?? new JsonObject(),
            ["finish_reason"] = finish,
            ["index"] = 0,
            ["logprobs"] = null,
        }),
        ["created"] = 1764300000,
        ["id"] = "chatcmpl-azure",
        ["model"] = "gpt-4o-2024-08-06",
        ["object"] = "chat.completion.chunk",
        ["system_fingerprint"] = "fp_azure",
    }.ToJsonString();

    public static List<string> Chunks(string answer)
    {
        var chunks = new List<string>
        {
            new JsonObject { ["choices"] = new JsonArray(), ["created"] = 0, ["id"] = "", ["model"] = "", ["object"] = "", ["prompt_filter_results"] = PromptFilters() }.ToJsonString(),
            Chunk(new JsonObject { ["content"] = "", ["refusal"] = null, ["role"] = "assistant" }, null, new JsonObject()),
        };
        for (var i = 0; i < answer.Length; i += 8) chunks.Add(Chunk(new JsonObject { ["content"] = answer.Substring(i, Math.Min(8, answer.Length - i)) }, null, Filters()));
        chunks.Add(Chunk(null, "stop", new JsonObject()));
        chunks.Add("[DONE]");
        return chunks;
    }
}
