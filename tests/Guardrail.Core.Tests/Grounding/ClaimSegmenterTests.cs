using Guardrail.Grounding;

namespace Guardrail.Core.Tests.Grounding;

public sealed class ClaimSegmenterTests
{
    private static List<Claim> Segment(string text)
    {
        var claims = ClaimSegmenter.Segment(text, CitationParser.Parse(text));
        foreach (var c in claims) Assert.Equal(c.Text, text[c.Span.Start..c.Span.End]);
        return claims;
    }

    private static string Markers(Claim c) => string.Join("", c.Citations.Select(x => x.Marker));

    [Fact]
    public void Segment_MarkerAfterTerminator_BelongsToPreviousSentence()
    {
        var claims = Segment("The bridge opened in 1912. [2] It is painted orange [1].");

        Assert.Equal(["The bridge opened in 1912.", "It is painted orange [1]."], claims.Select(c => c.Text));
        Assert.Equal(["[2]", "[1]"], claims.Select(Markers));
    }

    [Fact]
    public void Segment_MarkersAfterTerminatorWithoutSpace_SplitAfterMarkers()
    {
        var claims = Segment("The bridge opened in 1912.[2][3] It is painted orange.");

        Assert.Equal(["The bridge opened in 1912.[2][3]", "It is painted orange."], claims.Select(c => c.Text));
        Assert.Equal(["[2][3]", ""], claims.Select(Markers));
    }

    [Fact]
    public void Segment_TrailingMarkerAtEnd_AttachedNotAClaim()
    {
        var claims = Segment("The bridge opened in 1937. [1]");

        Assert.Equal("[1]", Markers(Assert.Single(claims)));
    }

    [Fact]
    public void Segment_ChineseSentences_SplitAtFullStops()
    {
        var claims = Segment("金门大桥于1937年通车【1】。它被漆成国际橙色【1】。");

        Assert.Equal(["金门大桥于1937年通车【1】。", "它被漆成国际橙色【1】。"], claims.Select(c => c.Text));
        Assert.All(claims, c => Assert.True(c.Checkable));
    }

    [Theory]
    [InlineData("When did the bridge open?", ClaimSkip.Question)]
    [InlineData("大桥是什么时候通车的？", ClaimSkip.Question)]
    [InlineData("Sure!", ClaimSkip.Generic)]
    [InlineData("I hope this helps.", ClaimSkip.Generic)]
    [InlineData("Let me know if you need anything else.", ClaimSkip.Generic)]
    [InlineData("Yes.", ClaimSkip.Generic)]
    [InlineData("希望这对你有帮助。", ClaimSkip.Generic)]
    [InlineData("## History", ClaimSkip.Heading)]
    [InlineData("Summary:", ClaimSkip.Heading)]
    [InlineData("**Key facts**", ClaimSkip.Heading)]
    [InlineData("The Golden Gate Bridge", ClaimSkip.Heading)]
    [InlineData("42 %", ClaimSkip.NoWords)]
    [InlineData("Мост открылся в 1937 году.", ClaimSkip.UnsupportedLanguage)]
    [InlineData("The bridge opened in 1937.", ClaimSkip.None)]
    [InlineData("It opened in 1937.", ClaimSkip.None)]
    [InlineData("The bridge opened in 1937", ClaimSkip.None)]
    [InlineData("Engineers measure the pressure on the cables daily.", ClaimSkip.None)]
    public void Segment_SentenceKinds_Classified(string text, ClaimSkip expected)
    {
        Assert.Equal(expected, Assert.Single(Segment(text)).Skip);
    }

    [Fact]
    public void Segment_ReferenceListAndBullets_EntriesSkippedBulletsTrimmed()
    {
        var claims = Segment("- The bridge opened in 1937 [1].\n\nSources:\n[1] National Park Service, 2020.\n[^2]: Golden Gate history");

        Assert.Equal(["The bridge opened in 1937 [1].", "Sources:", "[1] National Park Service, 2020.", "[^2]: Golden Gate history"], claims.Select(c => c.Text));
        Assert.Equal([ClaimSkip.None, ClaimSkip.Heading, ClaimSkip.Reference, ClaimSkip.Reference], claims.Select(c => c.Skip));
    }

    [Fact]
    public void Segment_FencedCode_NotAClaim()
    {
        var claims = Segment("```\nvar opened = 1937;\n```\nThe bridge opened in 1937.");

        Assert.Equal([ClaimSkip.Code, ClaimSkip.Code, ClaimSkip.Code, ClaimSkip.None], claims.Select(c => c.Skip));
    }

    [Fact]
    public void Segment_Content_BlanksMarkersAndUrlsKeepingOffsets()
    {
        var c = Assert.Single(Segment("It opened in 1937 [2] per https://nps.gov/x."));

        Assert.Equal(c.Text.Length, c.Content.Length);
        Assert.DoesNotContain("[2]", c.Content);
        Assert.DoesNotContain("nps", c.Content);
        Assert.StartsWith("It opened in 1937 ", c.Content);
    }

    [Fact]
    public void Segment_EmptyAndWhitespace_NoClaims()
    {
        Assert.Empty(Segment(""));
        Assert.Empty(Segment("  \n\n "));
    }
}
