using System.ClientModel;
using System.Text.Json.Nodes;
using Guardrail.AspNetCore.Tests.Grounding;
using OpenAI;
using OpenAI.Chat;

namespace Guardrail.AspNetCore.Tests.Sdk;

/// <summary>
/// The official OpenAI .NET SDK sends the <c>guardrail.sources</c> extension field with no custom transport: the
/// options' <c>Patch</c> (System.ClientModel's JsonPatch, experimental as SCME0001) adds arbitrary top-level fields.
/// </summary>
public sealed class OpenAISdkSourcesTests
{
    private static ChatClient Client(ProxyFixture f) =>
        new("fake-model", new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = new Uri(f.Proxy.BaseAddress, "/v1") });

    private static ChatCompletionOptions WithSources()
    {
        var options = new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is the SDK's documented way to send fields it does not model.
        options.Patch.Set("$.guardrail"u8, BinaryData.FromString(GroundingSetup.Extension(GroundingSetup.Source).ToJsonString()));
#pragma warning restore SCME0001
        return options;
    }

    [Fact]
    public async Task CompleteChat_SourcesInPatch_CheckedAndNeverForwarded()
    {
        await using var f = await GroundingSetup.StartAsync();
        f.Upstream.Answer = GroundingSetup.MixedAnswer;
        var result = await Client(f).CompleteChatAsync([new UserChatMessage("Tell me about it.")], WithSources());

        Assert.Equal(GroundingSetup.MixedAnswer, result.Value.Content[0].Text);
        Assert.True(result.GetRawResponse().Headers.TryGetValue("x-guardrail-decision", out var decision));
        Assert.Equal("flag", decision);
        var forwarded = JsonNode.Parse(Assert.Single(f.Upstream.RequestBodies))!;
        Assert.Null(forwarded["guardrail"]);
        Assert.Equal("Tell me about it.", forwarded["messages"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteChatStreaming_SourcesInPatch_CutAtUnsupportedSentence()
    {
        await using var f = await GroundingSetup.StartAsync("hold-back", action: "block");
        f.Upstream.Answer = GroundingSetup.MixedAnswer;
        var text = "";
        ChatFinishReason? finish = null;
        await foreach (var update in Client(f).CompleteChatStreamingAsync([new UserChatMessage("Tell me about it.")], WithSources()))
        {
            foreach (var part in update.ContentUpdate) text += part.Text;
            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ContentFilter, finish);
        Assert.Equal(GroundingSetup.Supported + " " + GroundingSetup.CutSuffix, text);
        Assert.Null(JsonNode.Parse(Assert.Single(f.Upstream.RequestBodies))!["guardrail"]);
    }
}
