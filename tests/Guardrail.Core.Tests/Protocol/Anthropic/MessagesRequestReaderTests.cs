using System.Text.Json.Nodes;
using Guardrail.Grounding;
using Guardrail.Protocol;
using Guardrail.Protocol.Anthropic;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Protocol.Anthropic;

public class MessagesRequestReaderTests
{
    private static readonly AnthropicMessagesAdapter Adapter = new();

    private const string Body = """
        {"model":"claude","max_tokens":100,"stream":true,
         "system":[{"type":"text","text":"Be brief."}],
         "messages":[
          {"role":"user","content":"Hello there."},
          {"role":"assistant","content":[
            {"type":"thinking","thinking":"Let me think.","signature":"sig"},
            {"type":"text","text":"Calling a tool."},
            {"type":"tool_use","id":"tu1","name":"mail","input":{"to":"a@example.com"}}]},
          {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"tu1","content":[{"type":"text","text":"Sent."}]},
            {"type":"document","title":"Bridge","source":{"type":"text","media_type":"text/plain","data":"The bridge opened in 1912."}},
            {"type":"document","source":{"type":"content","content":[{"type":"text","text":"Part one."},{"type":"image","source":{}}]}},
            {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}},
            {"type":"text","text":"Summarise."}]}]}
        """;

    private static AdapterRequest Read(string body = Body)
    {
        Assert.True(Adapter.TryReadRequest(JsonNode.Parse(body)!.AsObject(), out var request, out var error), error);
        return request;
    }

    [Fact]
    public void TryReadRequest_EveryBlock_TargetPerChannel()
    {
        var request = Read();

        var channels = request.Targets.ToDictionary(t => t.Path, t => t.Channel);
        Assert.Equal(TextChannel.System, channels["request.system[0]"]);
        Assert.Equal(TextChannel.Message, channels["request.messages[0]"]);
        Assert.Equal(TextChannel.Reasoning, channels["request.messages[1].content[0]"]);
        Assert.Equal(TextChannel.Message, channels["request.messages[1].content[1]"]);
        Assert.Equal(TextChannel.ToolArguments, channels["request.messages[1].content[2].input"]);
        Assert.Equal(TextChannel.ToolResult, channels["request.messages[2].content[0].content[0]"]);
        Assert.Equal(TextChannel.Document, channels["request.messages[2].content[1]"]);
        Assert.Equal(TextChannel.Document, channels["request.messages[2].content[2].source.content[0]"]);
        Assert.Equal(TextChannel.Message, channels["request.messages[2].content[4]"]);
        Assert.Equal("""{"to":"a@example.com"}""", request.TargetList.Find("request.messages[1].content[2].input")!.Text);
        Assert.True(request.Stream);
        Assert.Equal(["request.messages[2].content[2].source.content[1] is image", "request.messages[2].content[3] is image"], request.Unreadable);
    }

    [Fact]
    public void TryReadRequest_SystemString_SystemTarget()
    {
        var request = Read("""{"system":"Be kind.","messages":[]}""");

        var target = Assert.Single(request.Targets);
        Assert.Equal(("request.system", TextChannel.System, "Be kind."), (target.Path, target.Channel, target.Text));
    }

    [Fact]
    public void TryReadRequest_NoMessages_False()
    {
        Assert.False(Adapter.TryReadRequest(new JsonObject { ["prompt"] = "x" }, out _, out var error));
        Assert.Equal("request has no messages array", error);
    }

    [Fact]
    public void ExtractSources_DocumentsAndExtension_BothInOneSet()
    {
        var root = JsonNode.Parse(Body)!.AsObject();
        root["guardrail"] = JsonNode.Parse("""{"sources":[{"id":"web","text":"From the web."}]}""");
        Assert.True(Adapter.TryReadRequest(root, out var request, out _));

        var sources = request.ExtractSources(SourceOptions.Default)!;

        Assert.Equal(["web", "1", "2"], sources.Sources.Select(s => s.Id));
        Assert.Equal("The bridge opened in 1912.", sources.Resolve("1")!.Text);
        Assert.Equal("Bridge", sources.Resolve("1")!.Title);
        Assert.Equal("Part one.", sources.Resolve("2")!.Text);
    }

    [Fact]
    public void ApplyRedactions_TextAndToolInput_MaskedInTheBody()
    {
        var request = Read();
        var input = request.TargetList.Find("request.messages[1].content[2].input")!;
        var at = input.Text.IndexOf("a@example.com", StringComparison.Ordinal);

        Assert.True(request.ApplyRedactions([Redact("request.messages[1].content[2].input", at, at + 13), Redact("request.messages[0]", 0, 5)]));

        Assert.Equal("[EMAIL]", (string)request.Root["messages"]![1]!["content"]![2]!["input"]!["to"]!);
        Assert.IsType<JsonObject>(request.Root["messages"]![1]!["content"]![2]!["input"]);
        Assert.Equal("[EMAIL] there.", (string)request.Root["messages"]![0]!["content"]!);
    }

    [Fact]
    public void ApplyRedactions_MaskBreaksToolInputJson_InputLeftAsItWas()
    {
        var request = Read();

        request.ApplyRedactions([Redact("request.messages[1].content[2].input", 0, 3)]);

        Assert.Equal("a@example.com", (string)request.Root["messages"]![1]!["content"]![2]!["input"]!["to"]!);
    }

    [Theory]
    [InlineData("/v1/messages", true)]
    [InlineData("/anthropic/v1/messages/", true)]
    [InlineData("/v1/chat/completions", false)]
    [InlineData("/v1/threads/t1/messages", false)]
    [InlineData("/v1/messages/count_tokens", false)]
    public void Find_Path_OnlyMessagesGoToAnthropic(string path, bool anthropic)
    {
        var adapter = ProtocolAdapters.Default.Find("POST", path);

        Assert.Equal(anthropic, adapter is AnthropicMessagesAdapter);
        if (path.EndsWith("completions", StringComparison.Ordinal)) Assert.Equal("openai-chat", adapter!.Name);
    }

    internal static Finding Redact(string target, int start, int end) => new()
    {
        Rule = "pii.email", Category = "pii", Target = target, Score = 1, Threshold = 0.5,
        Action = Decision.Redact, Span = new TextSpan(start, end), Mask = "[EMAIL]", Explanation = "email",
    };
}
