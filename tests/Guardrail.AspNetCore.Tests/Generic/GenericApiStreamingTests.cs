using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Testing;
using Microsoft.AspNetCore.Http;
using static Guardrail.AspNetCore.Tests.Generic.GenericUpstream;

namespace Guardrail.AspNetCore.Tests.Generic;

/// <summary>Streamed generic answers through the real proxy: Ollama's NDJSON lines and an in-house API's SSE deltas.</summary>
public sealed class GenericApiStreamingTests
{
    private static async Task<(HttpResponseMessage Response, List<JsonObject> Lines)> StreamOllamaAsync(ProxyFixture f, string prompt)
    {
        var body = new JsonObject { ["model"] = "llama3", ["prompt"] = prompt }.ToJsonString().Replace("}", ",\"stream\":true}", StringComparison.Ordinal);
        var response = await f.Client.PostAsync("/api/generate", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        // Every line must stay one JSON object, as an Ollama client parses them.
        return (response, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList());
    }

    private static string Text(IEnumerable<JsonObject> lines, string field) => string.Concat(lines.Select(l => (string?)l[field]));

    [Theory]
    [InlineData("hold-back")]
    [InlineData("observe")]
    [InlineData("buffer")]
    public async Task Generate_StreamedClean_NdjsonTextAndVerdictOnTheDoneLine(string mode)
    {
        await using var f = await ProxyFixture.StartAsync(mode, configuration: Configuration());
        f.Upstream.Handler = Ollama(f.Upstream);
        f.Upstream.Answer = "Streaming works. Every sentence arrives.";

        var (response, lines) = await StreamOllamaAsync(f, "Hello");

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(f.Upstream.Answer, Text(lines, "response"));
        Assert.True((bool)lines[^1]["done"]!);
        Assert.Equal(12, (int)lines[^1]["eval_count"]!);
        Assert.Equal("allow", (string)lines[^1]["guardrail"]!["decision"]!);
        Assert.Equal("last-chunk", response.Headers.GetValues("x-guardrail-verdict").Single());
    }

    [Theory]
    [InlineData("hold-back")]
    [InlineData("observe")]
    public async Task Generate_StreamedBlocked_CutWithMessageAndDoneLine(string mode)
    {
        await using var f = await ProxyFixture.StartAsync(mode, configuration: Configuration());
        f.Upstream.Handler = Ollama(f.Upstream);
        f.Upstream.Answer = $"A fine start. The {TestRules.ForbiddenWord} is here. More text.";

        var (_, lines) = await StreamOllamaAsync(f, "Hello");

        var text = Text(lines, "response");
        Assert.StartsWith("A fine start.", text, StringComparison.Ordinal);
        Assert.EndsWith("The answer was withheld by policy.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("More text", text, StringComparison.Ordinal);
        Assert.True((bool)lines[^1]["done"]!);
        Assert.Equal("block", (string)lines[^1]["guardrail"]!["decision"]!);
    }

    [Fact]
    public async Task RouteNamingInHouseApi_StreamedSse_DeltasCheckedVerdictBeforeDone()
    {
        await using var f = await ProxyFixture.StartAsync(configuration: Configuration(), routes: [Route("inhouse", "inhouse")]);
        f.Upstream.Handler = InHouse(f.Upstream);
        f.Upstream.Answer = "Mail jane.doe@example.com today. Bye.";

        var response = await f.Client.PostAsync("/inhouse/v2/complete", new StringContent("""{"input":{"text":"Contact?"},"stream":true}""", Encoding.UTF8, "application/json"));
        var raw = await response.Content.ReadAsStringAsync();

        var events = raw.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();
        Assert.Equal("[DONE]", events[^1]);
        var objects = events.SkipLast(1).Select(e => JsonNode.Parse(e)!.AsObject()).ToList();
        Assert.Equal("Mail [EMAIL] today. Bye.", string.Concat(objects.Select(o => (string?)o["delta"])));
        Assert.Equal("redact", (string)objects[^1]["guardrail"]!["decision"]!);
        Assert.DoesNotContain("jane.doe", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatAdapter_NdjsonAnswer_UncheckedNeverAllowed()
    {
        await using var f = await ProxyFixture.StartAsync();
        f.Upstream.Handler = async c =>
        {
            c.Response.ContentType = "application/x-ndjson";
            await c.Response.WriteAsync("{\"message\":{\"content\":\"Hi\"}}\n{\"done\":true}\n");
        };

        var response = await f.PostChatAsync(Completions.Request("Hello"));

        Assert.Equal("unchecked", response.Headers.GetValues("x-guardrail-decision").Single());
    }
}
