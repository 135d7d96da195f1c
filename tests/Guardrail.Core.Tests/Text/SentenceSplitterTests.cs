using Guardrail.Text;

namespace Guardrail.Core.Tests.Text;

public sealed class SentenceSplitterTests
{
    private static string[] Sentences(string text) => SentenceSplitter.Split(text).Select(r => text[r]).ToArray();

    [Fact]
    public void Split_EnglishSentences_CoverWholeText()
    {
        var s = Sentences("Paris is big. Is it old? Yes! Fine");
        Assert.Equal(["Paris is big. ", "Is it old? ", "Yes! ", "Fine"], s);
    }

    [Theory]
    [InlineData("Pi is 3.14 today. Next.", "Pi is 3.14 today. ")]
    [InlineData("Dr. Smith came. Next.", "Dr. Smith came. ")]
    [InlineData("See example.com now. Next.", "See example.com now. ")]
    [InlineData("He said \"stop.\" Then left.", "He said \"stop.\" ")]
    public void Split_TrickyDots_NotSplitInside(string text, string first)
    {
        Assert.Equal(first, Sentences(text)[0]);
    }

    [Fact]
    public void Split_Chinese_SplitsAtFullWidthTerminators()
    {
        Assert.Equal(["巴黎是法国的首都。", "它很美！", "对吗？"], Sentences("巴黎是法国的首都。它很美！对吗？"));
    }

    [Fact]
    public void FindBoundary_StreamingTextEndingInDot_NotYetABoundary()
    {
        Assert.Equal(-1, SentenceSplitter.FindBoundary("Version 3.", 0, final: false));
        Assert.Equal(-1, SentenceSplitter.FindBoundary("It ended.", 0, final: false));
        Assert.Equal(10, SentenceSplitter.FindBoundary("It ended. ", 0, final: false));
        Assert.Equal(10, SentenceSplitter.FindBoundary("It ended.  Next", 0, final: false));
    }

    [Fact]
    public void Split_EveryPrefix_BoundariesStable()
    {
        // A boundary found on a prefix while streaming must be a boundary of the whole text too.
        const string text = "One. Two 2.5 three! 四。Five?  Six\nSeven";
        var whole = SentenceSplitter.Split(text).Select(r => r.End.Value).ToHashSet();
        for (var n = 1; n <= text.Length; n++)
        {
            var b = SentenceSplitter.FindBoundary(text[..n], 0, final: false);
            if (b >= 0) Assert.Contains(b, whole);
        }
    }
}
