using System.ClientModel;
using System.Text.Json.Nodes;
using Guardrail.Testing;
using OpenAI;
using OpenAI.Chat;

namespace Guardrail.AspNetCore.Tests.Grounding;

/// <summary>
/// The shipped grounding check end to end: the real <c>GroundingDetector</c> with the trained support model, the
/// shipped <c>rules/</c> folder and its policies, a fake upstream on Kestrel, and the official OpenAI SDK as client.
/// </summary>
public sealed class ShippedGroundingProxyTests
{
    private const string Bridge = "The Golden Gate Bridge opened to traffic in 1937. Its main span is 1,280 metres long.";
    private const string Tower = "The Eiffel Tower was completed in 1889 for the World's Fair in Paris.";

    private const string Supported = "The Golden Gate Bridge opened to traffic in 1937 [1].";
    private const string WrongYear = "The Golden Gate Bridge opened to traffic in 1912 [1].";
    private const string Misattributed = "The Eiffel Tower was completed in 1889 for the World's Fair [1].";
    private const string Fabricated = "Its main span is 1,280 metres long [7].";

    private static JsonObject Sources() => new()
    {
        ["sources"] = new JsonArray(
            new JsonObject { ["id"] = "1", ["title"] = "Golden Gate Bridge", ["text"] = Bridge },
            new JsonObject { ["id"] = "2", ["title"] = "Eiffel Tower", ["text"] = Tower }),
    };

    private static async Task<(FakeUpstream Upstream, GuardedProxy Proxy)> StartAsync(string policy, string answer)
    {
        var upstream = await FakeUpstream.StartAsync();
        upstream.Answer = answer;
        var proxy = await GuardedProxy.StartAsync(upstream.BaseAddress, RepoPaths.Rules, policy);
        return (upstream, proxy);
    }

    private static ChatClient Client(GuardedProxy proxy) =>
        new("fake-model", new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = new Uri(proxy.BaseAddress, "/v1") });

    private static ChatCompletionOptions WithSources()
    {
        var options = new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is the SDK's documented way to send fields it does not model.
        options.Patch.Set("$.guardrail"u8, BinaryData.FromString(Sources().ToJsonString()));
#pragma warning restore SCME0001
        return options;
    }

    // Streams one SDK call and returns the text it delivered and its finish reason.
    private static async Task<(string Text, ChatFinishReason? Finish)> StreamAsync(GuardedProxy proxy)
    {
        var text = "";
        ChatFinishReason? finish = null;
        await foreach (var update in Client(proxy).CompleteChatStreamingAsync([new UserChatMessage("Tell me about the bridge.")], WithSources()))
        {
            foreach (var part in update.ContentUpdate) text += part.Text;
            finish ??= update.FinishReason;
        }
        return (text, finish);
    }

    private static async Task<JsonNode> PostAsync(GuardedProxy proxy, bool withSources = true)
    {
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        var request = new JsonObject
        {
            ["model"] = "fake-model",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Tell me about these landmarks." }),
        };
        if (withSources) request["guardrail"] = Sources();
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static List<JsonNode> Findings(JsonNode verdict, string rule) =>
        [.. verdict["findings"]!.AsArray().Where(f => f!["rule"]!.GetValue<string>() == rule).Select(f => f!)];

    [Fact]
    public async Task Default_WrongYearFabricatedAndMisattributed_FlaggedWithEvidence()
    {
        var answer = string.Join(' ', Supported, WrongYear, Misattributed, Fabricated);
        var (upstream, proxy) = await StartAsync("default", answer);
        await using var _ = upstream;
        await using var __ = proxy;

        var body = await PostAsync(proxy);

        var verdict = body["guardrail"]!;
        Assert.Equal("flag", verdict["decision"]!.GetValue<string>());
        Assert.Equal(answer, body["choices"]![0]!["message"]!["content"]!.GetValue<string>()); // flag keeps the answer
        // The wrong year is a contradiction of the passage it restates, with both sides named.
        var contradicted = Assert.Single(Findings(verdict, "grounding.contradicted-claim"));
        Assert.Empty(Findings(verdict, "grounding.unsupported-claim"));
        Assert.StartsWith("The Golden Gate Bridge opened to traffic in 1912", contradicted["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("1", contradicted["evidence"]!["source"]!.GetValue<string>());
        var conflict = Assert.Single(contradicted["evidence"]!["conflicts"]!.AsArray())!;
        Assert.Equal(("year", "1912", "1937"), (conflict["kind"]!.GetValue<string>(), conflict["answer"]!.GetValue<string>(), conflict["source"]!.GetValue<string>()));
        Assert.Equal("Source [1] says “1937” where the answer says “1912” (year).", contradicted["explanation"]!.GetValue<string>());
        var span = contradicted["evidence"]!["sourceSpan"]!;
        Assert.Equal("The Golden Gate Bridge opened to traffic in 1937.", Bridge[span["start"]!.GetValue<int>()..span["end"]!.GetValue<int>()]);
        var misattributed = Assert.Single(Findings(verdict, "grounding.misattributed-citation"));
        Assert.Equal("2", misattributed["evidence"]!["source"]!.GetValue<string>());
        Assert.Single(Findings(verdict, "grounding.fabricated-citation"));
        // One of four checkable claims is supported by what it cites.
        Assert.Equal(0.25, verdict["scores"]!["grounding"]!.GetValue<double>(), 3);
        Assert.Null(JsonNode.Parse(Assert.Single(upstream.RequestBodies))!["guardrail"]);
    }

    [Fact]
    public async Task Default_NoSources_NoGroundingFindingsOrScore()
    {
        var (upstream, proxy) = await StartAsync("default", string.Join(' ', WrongYear, Fabricated));
        await using var _ = upstream;
        await using var __ = proxy;

        var verdict = (await PostAsync(proxy, withSources: false))["guardrail"]!;

        Assert.DoesNotContain(verdict["findings"]!.AsArray(), f => f!["rule"]!.GetValue<string>().StartsWith("grounding.", StringComparison.Ordinal));
        Assert.Null(verdict["scores"]!["grounding"]);
    }

    [Fact]
    public async Task Strict_WrongYear_BlockedWithoutLeakingTheWithheldWords()
    {
        var (upstream, proxy) = await StartAsync("strict", string.Join(' ', Supported, WrongYear));
        await using var _ = upstream;
        await using var __ = proxy;

        var body = await PostAsync(proxy);

        var verdict = body["guardrail"]!;
        Assert.Equal("block", verdict["decision"]!.GetValue<string>());
        Assert.Equal("content_filter", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.DoesNotContain("1912", body.ToJsonString(), StringComparison.Ordinal);
        var finding = Assert.Single(Findings(verdict, "grounding.contradicted-claim"));
        Assert.Null(finding["evidence"]!["conflicts"]);
        Assert.Equal("Source [1] states a different year than the answer.", finding["explanation"]!.GetValue<string>());
        Assert.Equal("1", finding["evidence"]!["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Strict_Sdk_StreamCutAtTheFailingSentence()
    {
        var (upstream, proxy) = await StartAsync("strict", string.Join(' ', Supported, WrongYear, "Its main span is 1,280 metres long [1]."));
        await using var _ = upstream;
        await using var __ = proxy;

        var (text, finish) = await StreamAsync(proxy);

        Assert.Equal(ChatFinishReason.ContentFilter, finish);
        Assert.StartsWith(Supported, text, StringComparison.Ordinal);
        Assert.DoesNotContain("1912", text, StringComparison.Ordinal);
        Assert.DoesNotContain("metres", text, StringComparison.Ordinal); // nothing after the cut
    }

    [Fact]
    public async Task Observe_Sdk_StreamFlaggedNotCut()
    {
        var answer = string.Join(' ', Supported, WrongYear);
        var (upstream, proxy) = await StartAsync("observe", answer);
        await using var _ = upstream;
        await using var __ = proxy;

        var (text, finish) = await StreamAsync(proxy);

        Assert.Equal(answer, text);
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task Strict_Sdk_SupportedAnswerPasses()
    {
        var (upstream, proxy) = await StartAsync("strict", Supported);
        await using var _ = upstream;
        await using var __ = proxy;

        var result = await Client(proxy).CompleteChatAsync([new UserChatMessage("When did it open?")], WithSources());

        Assert.Equal(Supported, result.Value.Content[0].Text);
        Assert.True(result.GetRawResponse().Headers.TryGetValue("x-guardrail-decision", out var decision));
        Assert.Equal("allow", decision);
    }
}
