using System.Text.Json.Nodes;
using Guardrail.Grounding;

namespace Guardrail.Core.Tests.Grounding;

public sealed class SourceExtractorTests
{
    private static SourceSet? Extract(string json, SourceOptions? options = null) =>
        SourceExtractor.Extract(JsonNode.Parse(json)!.AsObject(), options);

    private static List<(string Id, string Text, string Origin)> Rows(SourceSet? set) =>
        set!.Sources.Select(s => (s.Id, s.Text, s.Origin)).ToList();

    [Fact]
    public void Extract_ExtensionField_IdsTitlesUrlsAndPositions()
    {
        var set = Extract("""
            {"messages": [], "guardrail": {"sources": [
              {"id": "a", "title": "Bridge", "url": "https://nps.gov/b", "text": "The bridge opened in 1937."},
              {"text": "The tower was completed in 1889."},
              {"id": 7, "text": "Seven."}
            ]}}
            """);

        Assert.Equal([("a", "The bridge opened in 1937.", "guardrail.sources[0]"), ("2", "The tower was completed in 1889.", "guardrail.sources[1]"),
            ("7", "Seven.", "guardrail.sources[2]")], Rows(set));
        Assert.Equal(("Bridge", "https://nps.gov/b"), (set!.Sources[0].Title, set.Sources[0].Url));
        Assert.Empty(set.Notes);
    }

    [Fact]
    public void Extract_ToolMessages_CallIdOrPositionWithToolNameAsTitle()
    {
        var set = Extract("""
            {"messages": [
              {"role": "user", "content": "When did the bridge open?"},
              {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "search", "arguments": "{}"}}]},
              {"role": "tool", "tool_call_id": "call_1", "content": "The bridge opened in 1937."},
              {"role": "tool", "content": [{"type": "text", "text": "Part one."}, {"type": "text", "text": "Part two."}]}
            ]}
            """);

        Assert.Equal([("call_1", "The bridge opened in 1937.", "request.messages[2]"), ("2", "Part one.\nPart two.", "request.messages[3]")], Rows(set));
        Assert.Equal("search", set!.Sources[0].Title);
    }

    [Fact]
    public void Extract_TaggedBlocks_IdIndexAttributesAndPositions()
    {
        var set = Extract("""
            {"messages": [
              {"role": "system", "content": "Answer from these.\n<source id=\"s1\" title='Bridge' url=\"https://nps.gov/b\">The bridge opened in 1937.</source>\n<DOCUMENT index=\"2\">The tower was completed in 1889.</DOCUMENT>"},
              {"role": "user", "content": [{"type": "text", "text": "<source>Untagged third.</source> When?"}]},
              {"role": "assistant", "content": "<source id=\"x\">Assistant text is never a source.</source>"}
            ]}
            """);

        Assert.Equal([("s1", "The bridge opened in 1937.", "request.messages[0]"), ("2", "The tower was completed in 1889.", "request.messages[0]"),
            ("3", "Untagged third.", "request.messages[1]")], Rows(set));
        Assert.Equal(("Bridge", "https://nps.gov/b"), (set!.Sources[0].Title, set.Sources[0].Url));
    }

    [Fact]
    public void Extract_AnthropicDocumentLayout_OneSourceWithInnerSourceAsUrl()
    {
        var set = Extract("""
            {"messages": [{"role": "user", "content": "<documents><document index=\"1\"><source>https://nps.gov/b</source><document_content>The bridge opened in 1937.</document_content></document></documents>"}]}
            """);

        var s = Assert.Single(set!.Sources);
        Assert.Equal(("1", "https://nps.gov/b", "The bridge opened in 1937."), (s.Id, s.Url, s.Text));
    }

    [Fact]
    public void Extract_UnclosedTag_NotedAndRestStillRead()
    {
        var set = Extract("""
            {"messages": [{"role": "user", "content": "<source id=\"1\">never closed ... <document id=\"2\">Closed one.</document>"}]}
            """);

        Assert.Equal([("2", "Closed one.", "request.messages[0]")], Rows(set));
        Assert.Equal(["request.messages[0]: unclosed <source> tag; its text was not used as a source"], set!.Notes);
        Assert.Empty(set.Unchecked);
    }

    [Fact]
    public void Extract_NumberedListUnderSourcesHeading_NumbersAsIds()
    {
        var set = Extract("""
            {"messages": [{"role": "user", "content": "Use these.\n\n## Sources:\n[1] The bridge opened in 1937.\n    It is orange.\n[2] https://nps.gov/t The tower was completed in 1889.\n\nQuestion: when did it open?\n[3] Not a source: the list ended."}]}
            """);

        Assert.Equal([("1", "The bridge opened in 1937.\nIt is orange.", "request.messages[0]"),
            ("2", "https://nps.gov/t The tower was completed in 1889.", "request.messages[0]")], Rows(set));
        Assert.Equal("https://nps.gov/t", set!.Sources[1].Url);
    }

    [Fact]
    public void Extract_DottedListUnderReferences_Read()
    {
        var set = Extract("""{"messages": [{"role": "system", "content": "References\n1. First text.\n2) Second text."}]}""");

        Assert.Equal(["1", "2"], set!.Sources.Select(s => s.Id));
    }

    [Fact]
    public void Extract_ConfiguredTagsAndHeading_OnlyThoseRead()
    {
        var options = SourceOptions.Default with { SourceTags = ["passage"], SourcesHeading = "^context$" };
        var set = Extract("""
            {"messages": [{"role": "user", "content": "<source id=\"1\">Ignored.</source><passage id=\"p\">Read.</passage>\nSources:\n[1] Ignored too.\nContext\n[5] Read too."}]}
            """, options);

        Assert.Equal(["p", "5"], set!.Sources.Select(s => s.Id));
        Assert.Same(options, set.Options);
    }

    [Fact]
    public void Extract_EmptyAndDuplicate_DroppedAndNotedNotUnchecked()
    {
        var set = Extract("""
            {"messages": [{"role": "tool", "tool_call_id": "1", "content": "Duplicate of the first id."}],
             "guardrail": {"sources": [{"id": "1", "text": "First."}, {"id": "2", "text": "   "}, "oops"]}}
            """);

        Assert.Equal([("1", "First.", "guardrail.sources[0]")], Rows(set));
        Assert.Equal(
        [
            "source 2 (guardrail.sources[1]) is empty; ignored",
            "guardrail.sources[2] has no text; ignored",
            "source 1 (request.messages[0]) repeats an id; the first source with that id is used",
        ], set!.Notes);
        Assert.Empty(set.Unchecked);
    }

    [Fact]
    public void Extract_OverLimits_CutAndDroppedReportedUnchecked()
    {
        var options = SourceOptions.Default with { MaxSources = 3, MaxSourceChars = 10, MaxTotalChars = 25 };
        var sources = string.Join(",", Enumerable.Range(1, 5).Select(i => $$"""{"text": "{{i}}23456789012345"}"""));
        var set = Extract("""{"guardrail": {"sources": [""" + sources + "]}}", options);

        Assert.Equal(["1234567890", "2234567890", "32345"], set!.Sources.Select(s => s.Text));
        Assert.Equal(
        [
            "source 1 cut to 10 characters",
            "source 2 cut to 10 characters",
            "source 3 cut to 10 characters",
            "source 3 cut to 5 characters: all sources together are limited to 25",
            "2 more sources beyond the limit of 3 were not used",
        ], set.Notes);
        Assert.Equal(set.Notes, set.Unchecked);
    }

    [Fact]
    public void Extract_TotalLimitReachedExactly_LaterSourcesDropped()
    {
        var options = SourceOptions.Default with { MaxTotalChars = 5 };
        var set = Extract("""{"guardrail": {"sources": [{"text": "12345"}, {"text": "abc"}]}}""", options);

        Assert.Equal(["1"], set!.Sources.Select(s => s.Id));
        Assert.Equal(["1 more sources beyond the limit of 5 characters in total were not used"], set.Unchecked);
    }

    [Fact]
    public void Extract_CutInsideSurrogatePair_KeepsPairWhole()
    {
        var options = SourceOptions.Default with { MaxSourceChars = 2 };
        var set = Extract("""{"guardrail": {"sources": [{"text": "a\uD83D\uDE00b"}]}}""", options);

        Assert.Equal("a", set!.Sources.Single().Text);
    }

    [Theory]
    [InlineData("""{"messages": [{"role": "user", "content": "No sources here."}]}""")]
    [InlineData("""{"messages": "not a list", "guardrail": 3}""")]
    [InlineData("""{}""")]
    public void Extract_NoSources_Null(string json)
    {
        Assert.Null(Extract(json));
    }

    [Fact]
    public void Extract_SourcesNotAList_NotedSetWithoutSources()
    {
        var set = Extract("""{"guardrail": {"sources": "text"}}""");

        Assert.Equal(0, set!.Count);
        Assert.Equal(["guardrail.sources is not a list; ignored"], set.Notes);
    }

    [Fact]
    public void StripExtension_RemovesOnlyTheGuardrailField()
    {
        var request = JsonNode.Parse("""{"model": "m", "messages": [], "guardrail": {"sources": []}}""")!.AsObject();

        Assert.True(SourceExtractor.StripExtension(request));
        Assert.Equal("""{"model":"m","messages":[]}""", request.ToJsonString());
        Assert.False(SourceExtractor.StripExtension(request));
    }
}
