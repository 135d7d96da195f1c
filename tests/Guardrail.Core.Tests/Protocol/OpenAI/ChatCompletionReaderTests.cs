using System.Text;
using Guardrail.Detection;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Core.Tests.Protocol.OpenAI;

public class ChatCompletionReaderTests
{
    private static ReadOnlyMemory<byte> Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void TryRead_Choices_TargetsUseIndexField()
    {
        var ok = ChatCompletionReader.TryRead(Utf8("""
            {"id":"c1","object":"chat.completion","choices":[
              {"index":1,"message":{"role":"assistant","content":"Second."},"finish_reason":"stop"},
              {"index":0,"message":{"role":"assistant","content":"First."},"finish_reason":"stop"},
              {"index":2,"message":{"role":"assistant","content":null,"tool_calls":[]},"finish_reason":"tool_calls"}]}
            """), out var info, out var error);

        Assert.True(ok, error);
        Assert.Equal(
            [new TextTarget("response.choices[1].message", Direction.Response, "assistant", "Second."),
             new TextTarget("response.choices[0].message", Direction.Response, "assistant", "First.")],
            info!.Targets);
    }

    [Fact]
    public void TryRead_NoIndexAndPartsContent_PositionAndConcatenation()
    {
        var ok = ChatCompletionReader.TryRead(Utf8("""
            {"choices":[{"message":{"content":[{"type":"text","text":"Hello "},{"type":"text","text":"there."}]}}]}
            """), out var info, out _);

        Assert.True(ok);
        var target = Assert.Single(info!.Targets);
        Assert.Equal("response.choices[0].message", target.Path);
        Assert.Equal("Hello there.", target.Text);
    }

    [Theory]
    [InlineData("not json", "response body is not valid JSON")]
    [InlineData("{\"object\":\"list\",\"data\":[]}", "response is not a chat.completion object")]
    [InlineData("{\"error\":{\"message\":\"x\"}}", "response has no choices array")]
    [InlineData("\"chat.completion\"", "response body is not a JSON object")]
    public void TryRead_NotACompletion_FalseWithReason(string body, string expected)
    {
        Assert.False(ChatCompletionReader.TryRead(Utf8(body), out _, out var error));
        Assert.Equal(expected, error);
    }
}
