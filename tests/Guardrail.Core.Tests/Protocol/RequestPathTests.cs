using Guardrail.Protocol;

namespace Guardrail.Core.Tests.Protocol;

public class RequestPathTests
{
    [Theory]
    [InlineData("/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", "/openai/deployments/gpt-4o/chat/completions")]
    [InlineData("/v1/chat/completions#frag", "/v1/chat/completions")]
    [InlineData("/V1/Chat//Completions/", "/v1/chat/completions")]
    [InlineData("/v1/chat%2Fcompletions", "/v1/chat/completions")]
    public void Normalize_Spellings_SamePath(string raw, string expected) => Assert.Equal(expected, RequestPath.Normalize(raw));

    [Fact]
    public void Normalize_EncodedQuestionMark_StaysInThePath()
    {
        // %3F is part of the segment the upstream sees, so the path is not chat/completions.
        Assert.False(RequestPath.EndsWith(RequestPath.Normalize("/v1/chat/completions%3Fx=1"), "/chat/completions"));
    }
}
