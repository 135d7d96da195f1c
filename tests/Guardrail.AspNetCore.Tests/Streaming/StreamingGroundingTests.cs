using System.Text.Json.Nodes;
using Guardrail.AspNetCore.Tests.Grounding;
using Guardrail.AspNetCore.Tests.ResponseGuard;
using Guardrail.Testing;

namespace Guardrail.AspNetCore.Tests.Streaming;

/// <summary>Each streamed sentence is checked against the request's sources as it completes.</summary>
public sealed class StreamingGroundingTests
{
    private static readonly int FailingStart = GroundingSetup.MixedAnswer.IndexOf(GroundingSetup.Unsupported, StringComparison.Ordinal);

    [Fact]
    public async Task Pump_HoldBackUnsupportedSentence_CutBeforeIt()
    {
        await using var f = await GroundingSetup.StartAsync("hold-back", action: "block");
        var (events, _) = await StreamAsync(f, GroundingSetup.Extension(GroundingSetup.Source));

        // Hold-back leaks nothing: the sentence before is delivered, the failing one and all after it are not.
        Assert.Equal(GroundingSetup.Supported + " " + GroundingSetup.CutSuffix, SseReader.Text(events));
        Assert.Equal("[DONE]", events[^1]);
        var last = JsonNode.Parse(events[^2])!;
        Assert.Equal("content_filter", last["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("block", last["guardrail"]!["decision"]!.GetValue<string>());
        var finding = Assert.Single(BufferedGroundingTests.Grounding(last["guardrail"]!));
        Assert.Equal(FailingStart, finding["span"]!["start"]!.GetValue<int>());
        Assert.Null(finding["text"]);
    }

    [Fact]
    public async Task Pump_HoldBackWithoutSources_WholeAnswerDelivered()
    {
        await using var f = await GroundingSetup.StartAsync("hold-back", action: "block");
        var (events, _) = await StreamAsync(f, extension: null);

        Assert.Equal(GroundingSetup.MixedAnswer, SseReader.Text(events));
        var last = JsonNode.Parse(events[^2])!;
        Assert.Equal("stop", last["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("allow", last["guardrail"]!["decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pump_ObserveFlagRule_FlaggedWithoutCutting()
    {
        await using var f = await GroundingSetup.StartAsync("observe", action: "flag");
        var (events, registry) = await StreamAsync(f, GroundingSetup.Extension(GroundingSetup.Source));

        Assert.Equal(GroundingSetup.MixedAnswer, SseReader.Text(events));
        var last = JsonNode.Parse(events[^2])!;
        Assert.Equal("stop", last["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("flag", last["guardrail"]!["decision"]!.GetValue<string>());
        var finding = Assert.Single(BufferedGroundingTests.Grounding(last["guardrail"]!));
        // Sentence-relative spans are shifted to index the whole message.
        Assert.Equal(FailingStart, finding["span"]!["start"]!.GetValue<int>());
        Assert.Equal(GroundingSetup.Unsupported, finding["text"]!.GetValue<string>());
        Assert.Contains("guardrail_stream_cutoffs_total 0", registry);
    }

    [Fact]
    public async Task Pump_ObserveBlockRule_CutAfterAtMostTheFailingSentence()
    {
        await using var f = await GroundingSetup.StartAsync("observe", action: "block");
        var (events, registry) = await StreamAsync(f, GroundingSetup.Extension(GroundingSetup.Source));

        var text = SseReader.Text(events);
        Assert.EndsWith(GroundingSetup.CutSuffix, text);
        var released = text[..^GroundingSetup.CutSuffix.Length];
        Assert.StartsWith(GroundingSetup.Supported, released);
        Assert.True(released.Length <= FailingStart + GroundingSetup.Unsupported.Length, released);
        Assert.DoesNotContain("metres", released);
        Assert.Equal("content_filter", JsonNode.Parse(events[^2])!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Contains("guardrail_stream_cutoffs_total 1", registry);
    }

    private static async Task<(List<string> Events, string Metrics)> StreamAsync(ProxyFixture f, JsonObject? extension)
    {
        f.Upstream.Answer = GroundingSetup.MixedAnswer;
        var request = GroundingSetup.Request("Tell me about it.", extension, stream: true);
        var response = await f.PostChatAsync(request.ToJsonString(), HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();
        Assert.Null(JsonNode.Parse(Assert.Single(f.Upstream.RequestBodies))!["guardrail"]);
        return (events, await MetricsText.OfAsync(f.Proxy.Registry));
    }
}
