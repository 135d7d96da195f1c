using Guardrail.Protocol.OpenAI;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Protocol.OpenAI;

public class RedactorTests
{
    [Fact]
    public void Apply_SeparateSpans_EachMasked()
    {
        var text = "Mail a@b.io or call 555-1234 now";
        var result = Redactor.Apply(text, [(new TextSpan(20, 28), "[PHONE]"), (new TextSpan(5, 11), "[EMAIL]")]);
        Assert.Equal("Mail [EMAIL] or call [PHONE] now", result);
    }

    [Fact]
    public void Apply_OverlappingAndAdjacentSpans_MergedWithFirstMask()
    {
        var result = Redactor.Apply("abcdefghij", [(new TextSpan(2, 5), "[A]"), (new TextSpan(4, 7), "[B]"), (new TextSpan(7, 8), "[C]")]);
        Assert.Equal("ab[A]ij", result);
    }

    [Fact]
    public void Apply_OutOfRangeSpans_ClampedOrIgnored()
    {
        var result = Redactor.Apply("hello", [(new TextSpan(-3, 1), "[X]"), (new TextSpan(4, 99), "[Y]"), (new TextSpan(7, 9), "[Z]"), (new TextSpan(3, 2), "[W]")]);
        Assert.Equal("[X]ell[Y]", result);
    }

    [Fact]
    public void Apply_NoSpans_SameText()
    {
        Assert.Equal("hello", Redactor.Apply("hello", []));
    }
}
