using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Testing;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Tests.ClosedWorld;

/// <summary>Stream shapes a real upstream sends that a naive guard gets wrong: split UTF-8, interleaved choices and tool calls.</summary>
public sealed class StreamShapeTests
{
    private static JsonObject Choice(int index, JsonObject delta, string? finish = null) =>
        new() { ["index"] = index, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish };

    private static string Chunk(params JsonObject[] choices) => new JsonObject
    {
        ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = 1, ["model"] = "fake-model",
        ["choices"] = new JsonArray(choices),
    }.ToJsonString();

    private static JsonObject ToolDelta(int index, string? id, string? name, string arguments)
    {
        var call = new JsonObject { ["index"] = index };
        if (id is not null) call["id"] = id;
        if (id is not null) call["type"] = "function";
        var function = new JsonObject { ["arguments"] = arguments };
        if (name is not null) function["name"] = name;
        call["function"] = function;
        return new JsonObject { ["tool_calls"] = new JsonArray(call) };
    }

    private static async Task<(List<string> Events, JsonNode Verdict)> StreamAsync(ProxyFixture f, int n = 1)
    {
        var request = JsonNode.Parse(Completions.Request("Hello", stream: true))!;
        if (n > 1) request["n"] = n;
        using var response = await f.PostChatAsync(request.ToJsonString(), HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();
        var verdict = events.Where(e => e != "[DONE]").Select(e => JsonNode.Parse(e)!["guardrail"]).Last(v => v is not null)!;
        return (events, verdict);
    }

    private static string TextOf(IEnumerable<string> events, int choice) => string.Concat(events.Where(e => e != "[DONE]")
        .SelectMany(e => JsonNode.Parse(e)!["choices"]!.AsArray())
        .Where(c => (int)c!["index"]! == choice)
        .Select(c => c!["delta"]?["content"]?.GetValue<string>() ?? ""));

    [Fact]
    public async Task Proxy_Utf8SplitAcrossUpstreamWrites_TextIntactAndChecked()
    {
        await using var f = await ProxyFixture.StartAsync();
        const string answer = "Grüße aus Zürich — 東京 sends 😀 regards. Mail jane.doe@example.com now.";
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Sse.Chunks(answer, 5).Select(d => $"data: {d}\n\n")));
        f.Upstream.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            // Two bytes per write: every multi-byte character is split between reads on the guard's side.
            for (var i = 0; i < bytes.Length; i += 2)
            {
                await context.Response.Body.WriteAsync(bytes.AsMemory(i, Math.Min(2, bytes.Length - i)));
                await context.Response.Body.FlushAsync();
            }
        };

        var (events, verdict) = await StreamAsync(f);

        Assert.Equal("redact", (string)verdict["decision"]!);
        Assert.Equal(answer.Replace("jane.doe@example.com", "[EMAIL]"), TextOf(events, 0));
        // Split reads are not unreadable events (the detectors may still mark a language they do not read).
        Assert.DoesNotContain(verdict["uncheckedReasons"]?.AsArray() ?? [], r => ((string)r!).StartsWith("stream-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Proxy_InterleavedChoices_EachJudgedOnItsOwnText()
    {
        await using var f = await ProxyFixture.StartAsync();
        string[] clean = ["The first ", "choice is ", "clean. ", "All fine."];
        string[] bad = ["The second ", $"says {TestRules.ForbiddenWord} ", "here. ", "More."];
        var lines = new List<string> { Chunk(Choice(0, new JsonObject { ["role"] = "assistant", ["content"] = "" }), Choice(1, new JsonObject { ["role"] = "assistant", ["content"] = "" })) };
        for (var i = 0; i < clean.Length; i++)
        {
            lines.Add(Chunk(Choice(1, new JsonObject { ["content"] = bad[i] })));
            lines.Add(Chunk(Choice(0, new JsonObject { ["content"] = clean[i] })));
        }
        lines.Add(Chunk(Choice(0, new JsonObject(), "stop"), Choice(1, new JsonObject(), "stop")));
        lines.Add("[DONE]");
        f.Upstream.Handler = context => Sse.WriteAsync(context, lines);

        var (events, verdict) = await StreamAsync(f, n: 2);

        Assert.Equal("block", (string)verdict["decision"]!);
        Assert.Equal(string.Concat(clean), TextOf(events, 0));
        Assert.DoesNotContain(TestRules.ForbiddenWord, TextOf(events, 1));
        Assert.All(verdict["findings"]!.AsArray(), x => Assert.Equal("response.choices[1].message", (string)x!["target"]!));
    }

    [Fact]
    public async Task Proxy_InterleavedToolCallDeltas_EachCallsArgumentsCheckedWhole()
    {
        await using var f = await ProxyFixture.StartAsync();
        var lines = new List<string>
        {
            Chunk(Choice(0, new JsonObject { ["role"] = "assistant", ["content"] = null })),
            Chunk(Choice(0, ToolDelta(0, "call_a", "lookup", "{\"q\":\"wea"))),
            Chunk(Choice(0, ToolDelta(1, "call_b", "send_mail", "{\"to\":\"jane.d"))),
            Chunk(Choice(0, ToolDelta(0, null, null, "ther\"}"))),
            Chunk(Choice(0, ToolDelta(1, null, null, "oe@example.com\"}"))),
            Chunk(Choice(0, new JsonObject(), "tool_calls")),
            "[DONE]",
        };
        f.Upstream.Handler = context => Sse.WriteAsync(context, lines);

        var (events, verdict) = await StreamAsync(f);

        var arguments = new Dictionary<int, string>();
        foreach (var call in events.Where(e => e != "[DONE]").SelectMany(e => JsonNode.Parse(e)!["choices"]!.AsArray())
                     .SelectMany(c => c!["delta"]?["tool_calls"]?.AsArray() ?? []))
        {
            var index = (int)call!["index"]!;
            arguments[index] = arguments.GetValueOrDefault(index) + ((string?)call["function"]?["arguments"] ?? "");
        }
        Assert.Equal("{\"q\":\"weather\"}", arguments[0]);
        Assert.DoesNotContain("jane.doe", arguments[1]);
        Assert.NotNull(JsonNode.Parse(arguments[1]));
        var finding = Assert.Single(verdict["findings"]!.AsArray(), x => ((string)x!["rule"]!).StartsWith("pii.", StringComparison.Ordinal));
        Assert.Contains("tool_calls[1]", (string)finding!["target"]!);
    }
}
