using Guardrail.Grounding;
using static Guardrail.Core.Tests.Grounding.Sources;

namespace Guardrail.Core.Tests.Grounding;

public sealed class CitationParserTests
{
    private static List<(CitationKind Kind, string Marker, string Ids)> Parse(string text, SourceSet? sources = null, IReadOnlyList<AnswerAnnotation>? annotations = null) =>
        CitationParser.Parse(text, sources, annotations).Select(c =>
        {
            Assert.Equal(c.Marker, c.Kind == CitationKind.Annotation ? c.Marker : text[c.Span.Start..c.Span.End]);
            return (c.Kind, c.Marker, string.Join("|", c.Ids));
        }).ToList();

    [Theory]
    [InlineData("Opened in 1937 [1].", "[1]", "1")]
    [InlineData("Opened in 1937 [1, 3].", "[1, 3]", "1|3")]
    [InlineData("Opened in 1937 [1;3].", "[1;3]", "1|3")]
    [InlineData("Opened in 1937 [doc1].", "[doc1]", "doc1")]
    [InlineData("Opened in 1937 [Source 2].", "[Source 2]", "Source 2")]
    [InlineData("于1937年通车【1】。", "【1】", "1")]
    [InlineData("于1937年通车［2］。", "［2］", "2")]
    [InlineData("Opened in 1937[^1].", "[^1]", "1")]
    [InlineData("Opened in 1937[^note-a].", "[^note-a]", "note-a")]
    [InlineData("Opened in 1937 [1-3].", "[1-3]", "1|2|3")]
    [InlineData("Opened in 1937 【3†source】.", "【3†source】", "3")]
    [InlineData("Opened in 1937 [1,,].", "[1,,]", "1")]
    public void Parse_MarkerFormats_IdsWithSpans(string text, string marker, string ids)
    {
        Assert.Equal([(CitationKind.Marker, marker, ids)], Parse(text));
    }

    [Fact]
    public void Parse_AdjacentMarkers_TwoCitations()
    {
        Assert.Equal([(CitationKind.Marker, "[1]", "1"), (CitationKind.Marker, "[2]", "2")], Parse("Opened in 1937 [1][2]."));
    }

    [Theory]
    [InlineData("Opened in [1 and never closed.")]
    [InlineData("An empty marker [] here.")]
    [InlineData("Blank [ , ] list.")]
    [InlineData("It said [sic] twice.")]
    [InlineData("A task list: [x] done.")]
    [InlineData("A range too wide [1-99].")]
    [InlineData("A backwards range [5-2].")]
    [InlineData("Text [1\n] split over lines.")]
    [InlineData("Code `arr[1]` is an index.")]
    [InlineData("```\nx = a[1]\n```")]
    [InlineData("An image ![1](https://example.com/a.png) here.")]
    [InlineData("Unbalanced ]1[ brackets.")]
    public void Parse_NotCitations_NothingAndNoThrow(string text)
    {
        Assert.DoesNotContain(Parse(text), c => c.Kind == CitationKind.Marker);
    }

    [Fact]
    public void Parse_NestedMarker_InnerResolvesToOne()
    {
        // Documented: the outer brackets of "[[1]]" are ignored, the inner "[1]" cites source 1.
        Assert.Equal([(CitationKind.Marker, "[1]", "1")], Parse("Opened in 1937 [[1]]."));
    }

    [Fact]
    public void Parse_NamedIdOfSuppliedSource_CountsOnlyWhenSupplied()
    {
        var sources = Set(S("wiki-bridge", Bridge));

        Assert.Equal([(CitationKind.Marker, "[wiki-bridge]", "wiki-bridge")], Parse("Opened in 1937 [wiki-bridge].", sources));
        Assert.Empty(Parse("Opened in 1937 [wiki-bridge]."));
    }

    [Fact]
    public void Parse_LinksAndBareUrls_UrlCitationsWithoutTrailingPunctuation()
    {
        var found = Parse("See [the NPS page](https://nps.gov/goga/bridge) and https://example.com/a/b.");

        Assert.Equal(
        [
            (CitationKind.Link, "[the NPS page](https://nps.gov/goga/bridge)", "https://nps.gov/goga/bridge"),
            (CitationKind.Url, "https://example.com/a/b", "https://example.com/a/b"),
        ], found);
    }

    [Fact]
    public void Parse_Annotations_ClampedToTheText()
    {
        var found = CitationParser.Parse("Short answer.", null,
            [new AnswerAnnotation("https://a.example", "A", 6, 12), new AnswerAnnotation("https://b.example", null, 50, 4)]);

        Assert.Equal([(4, 13), (6, 12)], found.Select(c => (c.Span.Start, c.Span.End)));
        Assert.All(found, c => Assert.Equal(CitationKind.Annotation, c.Kind));
    }

    [Fact]
    public void Parse_ManyOpeningBrackets_BoundedAndNoThrow()
    {
        var text = string.Concat(Enumerable.Repeat("[[[1", 20_000)) + "]";
        var found = CitationParser.Parse(text);

        Assert.Equal("[1]", Assert.Single(found).Marker);
    }
}
