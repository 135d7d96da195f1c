using System.Text.Json.Nodes;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Core.Tests.Protocol.OpenAI;

public class ChatChunkTests
{
    [Fact]
    public void TryParse_ContentAndRoleDeltas_ChoicesDescribed()
    {
        var ok = ChatChunk.TryParse("""
            {"id":"c","object":"chat.completion.chunk","choices":[
              {"index":0,"delta":{"role":"assistant","content":"Hi","refusal":null},"finish_reason":null},
              {"index":1,"delta":{"content":null},"finish_reason":"stop"}]}
            """, out var chunk);

        Assert.True(ok);
        Assert.Equal(new ChatChunkChoice(0, "Hi", null, true), chunk!.Choices[0]);
        Assert.Equal(new ChatChunkChoice(1, null, "stop", false), chunk.Choices[1]);
        Assert.True(chunk.HasContent);
        Assert.True(chunk.HasFinish);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[DONE]")]
    [InlineData("{\"error\":{\"message\":\"x\"}}")]
    [InlineData("{\"object\":\"chat.completion\",\"choices\":[]}")]
    [InlineData("{\"choices\":[],\"choices\":[]}")]
    public void TryParse_NotAChunk_False(string data)
    {
        Assert.False(ChatChunk.TryParse(data, out _));
    }

    [Fact]
    public void WithoutContent_RoleAndText_KeepsRoleDropsText()
    {
        ChatChunk.TryParse("""{"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}},{"index":1,"delta":{"content":"x"}}]}""", out var chunk);

        var rest = chunk!.WithoutContent();

        Assert.Equal("""{"choices":[{"index":0,"delta":{"role":"assistant"}}]}""", rest!.ToJsonString());
        Assert.Equal("Hi", (string)chunk.Root["choices"]![0]!["delta"]!["content"]!); // the original is untouched
    }

    [Fact]
    public void WithoutContent_OnlyText_Null()
    {
        ChatChunk.TryParse("""{"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}""", out var chunk);

        Assert.Null(chunk!.WithoutContent());
    }

    [Fact]
    public void Build_AfterObserve_CopiesIdentityAndAddsExtra()
    {
        var template = new ChatChunkTemplate();
        template.Observe(JsonNode.Parse("""{"id":"c9","object":"chat.completion.chunk","created":5,"model":"m","service_tier":"default","choices":[]}""")!.AsObject());

        var chunk = template.Build(2, null, "content_filter", new JsonObject { ["guardrail"] = new JsonObject { ["decision"] = "block" } });

        Assert.Equal(
            """{"id":"c9","object":"chat.completion.chunk","created":5,"model":"m","service_tier":"default","choices":[{"index":2,"delta":{},"logprobs":null,"finish_reason":"content_filter"}],"guardrail":{"decision":"block"}}""",
            chunk.ToJsonString());
    }
}
