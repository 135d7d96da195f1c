using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Verdicts;

public sealed class UncheckedReasonTests
{
    [Theory]
    [InlineData("request-too-large", "request-too-large", null)]
    [InlineData("toxicity: unsupported language (de)", "toxicity", "unsupported language (de)")]
    [InlineData("check-error:pii", "check-error:pii", null)]
    [InlineData("upstream-error: HTTP 500: busy", "upstream-error", "HTTP 500: busy")]
    public void Parse_WireForm_CodeAndDetailRoundTrip(string wire, string code, string? detail)
    {
        var reason = UncheckedReason.Parse(wire);

        Assert.Equal(new UncheckedReason(code, detail), reason);
        Assert.Equal(wire, reason.ToString());
    }
}
