using System.Text.Json.Nodes;
using Guardrail.AspNetCore.Tests.Grounding;

namespace Guardrail.AspNetCore.Tests.ResponseGuard;

/// <summary>A buffered answer is checked against the sources its request supplied.</summary>
public sealed class BufferedGroundingTests
{
    [Fact]
    public async Task Inspect_AnswerWithUnsupportedWord_FindingOnThatSentence()
    {
        await using var f = await GroundingSetup.StartAsync();
        f.Upstream.Answer = GroundingSetup.MixedAnswer;
        var (_, body) = await f.PostChatJsonAsync(GroundingSetup.Request("Tell me about it.", GroundingSetup.Extension(GroundingSetup.Source)).ToJsonString());

        var verdict = body["guardrail"]!;
        Assert.Equal("flag", verdict["decision"]!.GetValue<string>());
        var finding = Assert.Single(Grounding(verdict));
        Assert.Equal("response.choices[0].message", finding["target"]!.GetValue<string>());
        Assert.Equal(GroundingSetup.Unsupported, finding["text"]!.GetValue<string>());
        Assert.Equal(GroundingSetup.MixedAnswer.IndexOf(GroundingSetup.Unsupported, StringComparison.Ordinal), finding["span"]!["start"]!.GetValue<int>());
        Assert.Equal("1912", Assert.Single(finding["evidence"]!["missing"]!.AsArray())!.GetValue<string>());
        // A flag leaves the answer as the upstream wrote it.
        Assert.Equal(GroundingSetup.MixedAnswer, body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Inspect_EveryWordInSources_NoFinding()
    {
        await using var f = await GroundingSetup.StartAsync();
        f.Upstream.Answer = GroundingSetup.Supported;
        var (response, body) = await f.PostChatJsonAsync(GroundingSetup.Request("Where is it?", GroundingSetup.Extension(GroundingSetup.Source)).ToJsonString());

        Assert.Empty(Grounding(body["guardrail"]!));
        Assert.Equal("allow", response.Headers.GetValues("x-guardrail-decision").Single());
    }

    [Fact]
    public async Task Inspect_RequestWithoutSources_NoFinding()
    {
        await using var f = await GroundingSetup.StartAsync();
        f.Upstream.Answer = GroundingSetup.MixedAnswer;
        var (response, body) = await f.PostChatJsonAsync(GroundingSetup.Request("Tell me about it.", extension: null).ToJsonString());

        Assert.Empty(Grounding(body["guardrail"]!));
        Assert.Equal("allow", response.Headers.GetValues("x-guardrail-decision").Single());
    }

    [Fact]
    public async Task Inspect_SeveralSources_WordsFromAnyOfThemSupport()
    {
        await using var f = await GroundingSetup.StartAsync();
        f.Upstream.Answer = "The Eiffel Tower is in Paris. It was repainted in 2019.";
        var extension = GroundingSetup.Extension(GroundingSetup.Source, "It was repainted in 2019.");
        var (_, body) = await f.PostChatJsonAsync(GroundingSetup.Request("Tell me about it.", extension).ToJsonString());

        Assert.Empty(Grounding(body["guardrail"]!));
    }

    [Fact]
    public async Task Inspect_BlockingGroundingRule_AnswerWithheld()
    {
        await using var f = await GroundingSetup.StartAsync(action: "block");
        f.Upstream.Answer = GroundingSetup.MixedAnswer;
        var (_, body) = await f.PostChatJsonAsync(GroundingSetup.Request("Tell me about it.", GroundingSetup.Extension(GroundingSetup.Source)).ToJsonString());

        Assert.Equal("content_filter", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.DoesNotContain("1912", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Single(Grounding(body["guardrail"]!));
    }

    internal static List<JsonNode> Grounding(JsonNode verdict) => verdict["findings"]!.AsArray()
        .Where(x => x!["rule"]!.GetValue<string>() == GroundingSetup.RuleId)
        .Select(x => x!)
        .ToList();
}
