using Guardrail.Text;

namespace Guardrail.Core.Tests.Text;

public sealed class NormalizedTextTests
{
    [Fact]
    public void Create_FullWidthAndZeroWidth_Folded()
    {
        var n = NormalizedText.Create("ＩＧ\u200BＮＯＲＥ me");
        Assert.Equal("ignore me", n.Folded);
    }

    [Fact]
    public void ToOriginal_MatchOnFolded_MapsToOriginalSpan()
    {
        const string original = "Say ＨＥＬ\u200BＬＯ now";
        var n = NormalizedText.Create(original);
        var i = n.Folded.IndexOf("hello", StringComparison.Ordinal);
        var (start, end) = n.ToOriginal(i, i + 5);

        Assert.Equal("ＨＥＬ\u200BＬＯ", original[start..end]);
    }

    [Fact]
    public void ToOriginal_ExpandingCharacter_CoversSourceCharacter()
    {
        const string original = "x ﬁne y"; // the ligature folds to two characters
        var n = NormalizedText.Create(original);
        var i = n.Folded.IndexOf("fine", StringComparison.Ordinal);
        var (start, end) = n.ToOriginal(i, i + 4);

        Assert.Equal("ﬁne", original[start..end]);
    }
}
