using System.Text.Json.Nodes;
using Guardrail.Testing;

namespace Guardrail.AspNetCore.Tests.Streaming;

public sealed class StreamingResponseGuardTests
{
    private static readonly string Bad = $"Then the {TestRules.ForbiddenWord} arrived.";

    [Fact]
    public async Task Pump_HoldBackBlockedSentence_NeverReleasedAndCut()
    {
        await using var f = await ProxyFixture.StartAsync("hold-back");
        f.Upstream.Answer = $"First sentence is fine. {Bad} Last words here.";
        var response = await f.PostChatAsync(Completions.Request("story", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        var text = SseReader.Text(events);
        Assert.StartsWith("First sentence is fine. ", text);
        Assert.DoesNotContain(TestRules.ForbiddenWord, text);
        Assert.DoesNotContain("Last words", text);
        Assert.Equal("[DONE]", events[^1]);
        var last = JsonNode.Parse(events[^2])!;
        Assert.Equal("content_filter", last["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("block", last["guardrail"]!["decision"]!.GetValue<string>());
        Assert.Null(last["guardrail"]!["findings"]![0]!["text"]);
        Assert.Equal("last-chunk", response.Headers.GetValues("x-guardrail-verdict").Single());
    }

    [Fact]
    public async Task Pump_ObserveBlockedSentence_CutAfterAtMostThatSentence()
    {
        await using var f = await ProxyFixture.StartAsync("observe");
        f.Upstream.Answer = $"First sentence is fine. {Bad} Last words here.";
        var response = await f.PostChatAsync(Completions.Request("story", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        var text = SseReader.Text(events);
        Assert.DoesNotContain("Last words", text);
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal("content_filter", JsonNode.Parse(events[^2])!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        var leaked = await MetricsText.OfAsync(f.Proxy.Registry);
        Assert.Contains("guardrail_stream_cutoffs_total 1", leaked);
    }

    [Fact]
    public async Task Pump_CleanStream_TextIntactAndVerdictOnLastChunk()
    {
        await using var f = await ProxyFixture.StartAsync("hold-back");
        f.Upstream.Answer = "Paris is the capital of France. It is on the Seine. 巴黎是法国的首都。";
        var response = await f.PostChatAsync(Completions.Request("capital?", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        Assert.Equal(f.Upstream.Answer, SseReader.Text(events));
        Assert.Equal("[DONE]", events[^1]);
        var last = JsonNode.Parse(events[^2])!;
        Assert.Equal("allow", last["guardrail"]!["decision"]!.GetValue<string>());
        Assert.Equal("stop", last["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pump_HoldBackEmail_MaskedInStream()
    {
        await using var f = await ProxyFixture.StartAsync("hold-back");
        f.Upstream.Answer = "Contact jane.doe@example.com today. Thanks.";
        var response = await f.PostChatAsync(Completions.Request("contact?", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        Assert.Equal("Contact [EMAIL] today. Thanks.", SseReader.Text(events));
        Assert.Equal("redact", JsonNode.Parse(events[^2])!["guardrail"]!["decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pump_FirstSentence_ReleasedBeforeUpstreamFinishes()
    {
        await using var f = await ProxyFixture.StartAsync("hold-back");
        var release = new TaskCompletionSource();
        f.Upstream.Handler = async ctx =>
        {
            await Sse.WriteAsync(ctx, Sse.Chunks("The first sentence is here. ").SkipLast(2));
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await Sse.WriteAsync(ctx, Sse.Chunks("Second one.").Skip(1));
        };
        var response = await f.PostChatAsync(Completions.Request("go", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync());

        // The upstream is still holding the rest: only incremental release can deliver this sentence now.
        var seen = "";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!seen.Contains("first sentence is here.")) seen += SseReader.Text([(await reader.NextAsync(timeout.Token))!]);
        release.SetResult();
        var rest = await reader.ReadAllAsync();
        Assert.Equal("The first sentence is here. Second one.", seen + SseReader.Text(rest));
    }

    [Fact]
    public async Task Pump_ClientDisconnects_UpstreamCallCancelled()
    {
        await using var f = await ProxyFixture.StartAsync("observe");
        f.Upstream.Handler = async ctx =>
        {
            await Sse.WriteAsync(ctx, Enumerable.Repeat(Sse.Chunk(new JsonObject { ["content"] = "word. " }, null), 10_000), TimeSpan.FromMilliseconds(20), ctx.RequestAborted);
        };
        var response = await f.PostChatAsync(Completions.Request("go", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        Assert.NotNull(await reader.NextAsync());
        response.Dispose();

        await f.Upstream.Aborted.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }
}
