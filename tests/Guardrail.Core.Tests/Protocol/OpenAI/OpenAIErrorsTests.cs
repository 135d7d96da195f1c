using Guardrail.Protocol.OpenAI;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Protocol.OpenAI;

public class OpenAIErrorsTests
{
    private static readonly Verdict Blocked = new() { Id = "gr_1", Policy = "default@1", Decision = Decision.Block };

    [Fact]
    public void ContentFilter_Verdict_AzureStyleEnvelope()
    {
        var json = OpenAIErrors.ContentFilter(Blocked, "The prompt was blocked by policy.");

        var error = json["error"]!;
        Assert.Equal("The prompt was blocked by policy.", (string)error["message"]!);
        Assert.Equal("invalid_request_error", (string)error["type"]!);
        Assert.Equal("messages", (string)error["param"]!);
        Assert.Equal("content_filter", (string)error["code"]!);
        Assert.Equal("gr_1", (string)error["guardrail"]!["id"]!);
        Assert.Equal("block", (string)error["guardrail"]!["decision"]!);
    }

    [Fact]
    public void Create_NoVerdict_NoGuardrailField()
    {
        var json = OpenAIErrors.Create("Request too large.", "invalid_request_error", "request_too_large", null);

        Assert.Equal("request_too_large", (string)json["error"]!["code"]!);
        Assert.False(json["error"]!.AsObject().ContainsKey("guardrail"));
    }
}
