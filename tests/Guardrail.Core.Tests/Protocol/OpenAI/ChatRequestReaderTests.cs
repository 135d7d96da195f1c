using System.Text;
using Guardrail.Detection;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Core.Tests.Protocol.OpenAI;

public class ChatRequestReaderTests
{
    private static ReadOnlyMemory<byte> Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void TryRead_StringContent_OneTargetPerMessage()
    {
        var ok = ChatRequestReader.TryRead(Utf8("""
            {"model":"gpt-4o","stream":true,"x-unknown":1,
             "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"你好，世界"}]}
            """), out var info, out var error);

        Assert.True(ok, error);
        Assert.True(info!.Stream);
        Assert.Equal("gpt-4o", info.Model);
        Assert.Equal(1, (int)info.Root["x-unknown"]!);
        Assert.Equal(
            [new TextTarget("request.messages[0]", Direction.Request, "system", "Be brief.") { Channel = Guardrail.Protocol.TextChannel.System },
             new TextTarget("request.messages[1]", Direction.Request, "user", "你好，世界")],
            info.Targets);
    }

    [Fact]
    public void TryRead_ArrayContent_OneTargetPerTextPartSkippingImages()
    {
        var ok = ChatRequestReader.TryRead(Utf8("""
            {"messages":[{"role":"user","content":[
              {"type":"text","text":"Look at"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},
              {"type":"text","text":"this."}]}]}
            """), out var info, out _);

        Assert.True(ok);
        Assert.False(info!.Stream);
        Assert.Null(info.Model);
        Assert.Equal(["request.messages[0].content[0]", "request.messages[0].content[2]"], info.Targets.Select(t => t.Path));
        Assert.Equal(["Look at", "this."], info.Targets.Select(t => t.Text));
    }

    [Fact]
    public void TryRead_NullContentAndNonObjectMessages_Skipped()
    {
        var ok = ChatRequestReader.TryRead(Utf8("""
            {"messages":[{"role":"assistant","content":null,"tool_calls":[]},42,{"role":"tool","content":"22 C"}]}
            """), out var info, out _);

        Assert.True(ok);
        Assert.Equal("request.messages[2]", Assert.Single(info!.Targets).Path);
    }

    [Theory]
    [InlineData("{\"messages\":[", "request body is not valid JSON")]
    [InlineData("", "request body is not valid JSON")]
    [InlineData("[1,2]", "request body is not a JSON object")]
    [InlineData("{\"model\":\"x\"}", "request has no messages array")]
    [InlineData("{\"messages\":\"hi\"}", "request has no messages array")]
    [InlineData("{\"messages\":[],\"messages\":[]}", "request body is not valid JSON")]
    public void TryRead_BadBody_FalseWithReason(string body, string expected)
    {
        var ok = ChatRequestReader.TryRead(Utf8(body), out var info, out var error);

        Assert.False(ok);
        Assert.Null(info);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryRead_InvalidUtf8_FalseWithReason()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}");
        bytes[^5] = 0xC3; // a lead byte followed by '"' is not valid UTF-8

        var ok = ChatRequestReader.TryRead(bytes, out _, out var error);

        Assert.False(ok);
        Assert.Equal("request body is not valid UTF-8", error);
    }
}
