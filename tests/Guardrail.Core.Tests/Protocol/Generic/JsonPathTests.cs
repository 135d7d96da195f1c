using System.Text.Json.Nodes;
using Guardrail.Protocol.Generic;

namespace Guardrail.Core.Tests.Protocol.Generic;

public class JsonPathTests
{
    private static JsonPath Parse(string text)
    {
        Assert.True(JsonPath.TryParse(text, out var path, out var error), error);
        return path;
    }

    [Theory]
    [InlineData("$", "")]
    [InlineData("$.prompt", ".prompt")]
    [InlineData("$.messages[*].content", ".messages[*].content")]
    [InlineData("$['odd name'][0]", "['odd name'][0]")]
    [InlineData("$[\"x-y\"]", ".x-y")]
    [InlineData("  $.a  ", ".a")]
    [InlineData("$['it\\'s']", "['it\\'s']")]
    public void TryParse_Subset_Accepted(string text, string segments)
    {
        Assert.Equal(segments, string.Concat(Parse(text).Segments.Select(s => s.ToString())));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("prompt", "starts with '$'")]
    [InlineData("$..content", "recursive descent")]
    [InlineData("$.a.*", "'.*' is not supported")]
    [InlineData("$.a[?(@.x)]", "filters")]
    [InlineData("$.a[-1]", "negative")]
    [InlineData("$.a[0:2]", "slices")]
    [InlineData("$.a[0,1]", "unions")]
    [InlineData("$.a[", "not closed")]
    [InlineData("$.a['b]", "not closed")]
    [InlineData("$.a b", "not a plain name")]
    [InlineData("$.", "a name must follow")]
    [InlineData("$a", "is not '.' or '['")]
    [InlineData("$[99999999999]", "too large")]
    [InlineData("$['a\\n']", "escapes")]
    [InlineData("$[length]", "cannot start a bracket")]
    public void TryParse_OutsideSubset_RefusedWithReason(string text, string reason)
    {
        Assert.False(JsonPath.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        if (text.Length > 0 && text[0] == '$') Assert.StartsWith("at position ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_WildcardOverArrayAndObject_ConcreteLocationsInOrder()
    {
        var root = JsonNode.Parse("""{"messages":[{"content":"a"},{"content":"b"},{"role":"x"}],"meta":{"k1":"v1","k2":2}}""")!;

        var contents = Parse("$.messages[*].content").Select(root);
        var meta = Parse("$.meta[*]").Select(root);

        Assert.Equal([".messages[0].content", ".messages[1].content"], contents.Select(m => m.Path));
        Assert.Equal(["a", "b"], contents.Select(m => (string)m.Value!));
        Assert.Equal([".meta.k1", ".meta.k2"], meta.Select(m => m.Path));
    }

    [Fact]
    public void Select_MissingStepOrWrongType_NoMatch()
    {
        var root = JsonNode.Parse("""{"a":"text","b":[1],"n":null}""")!;

        Assert.Empty(Parse("$.missing").Select(root));
        Assert.Empty(Parse("$.a.b").Select(root));
        Assert.Empty(Parse("$.b[3]").Select(root));
        Assert.Empty(Parse("$.a[*]").Select(root));
        var n = Assert.Single(Parse("$.n").Select(root));
        Assert.Null(n.Value);
    }

    [Fact]
    public void Write_Match_ReplacesValueInPlace()
    {
        var root = JsonNode.Parse("""{"prompt":["x","y"],"o":{"t":"old"}}""")!;

        Assert.True(Parse("$.prompt[1]").Select(root)[0].Write("Y"));
        Assert.True(Parse("$.o.t").Select(root)[0].Write("new"));
        Assert.False(Parse("$").Select(root)[0].Write("root"));

        Assert.Equal("""{"prompt":["x","Y"],"o":{"t":"new"}}""", root.ToJsonString());
    }

    [Fact]
    public void TryCreate_NamesAndFirstIndex_Built()
    {
        var root = new JsonObject();

        Assert.True(Parse("$.choices[*].delta.content").TryCreate(root, "hi"));
        Assert.True(Parse("$.done").TryCreate(root, true));
        Assert.False(Parse("$.list[2]").TryCreate(new JsonObject(), "x"));

        Assert.Equal("""{"choices":[{"delta":{"content":"hi"}}],"done":true}""", root.ToJsonString());
    }
}
