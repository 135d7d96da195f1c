using Guardrail.Rules.Loading;

namespace Guardrail.Core.Tests.Rules.Loading;

public sealed class TestSourcesTests
{
    private const string Rule = """
        id: grounding.test
        description: A grounding rule.
        direction: response
        when: { detector: grounding, kind: unsupported-claim }
        action: flag
        tests:
          - text: "It opened in 1912 [1]."
            expect: match
            sources:
              - { id: "1", text: "It opened in 1937.", title: "Bridge", url: "https://nps.gov/b" }
              - { id: 2, text: "Another." }
          - { text: "No sources here.", expect: no-match }

        """;

    [Fact]
    public void Parse_CaseSources_AttachedToTheCase()
    {
        var result = RuleLoader.Parse(Rule, "grounding/test.yaml", ["grounding"]);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var sources = result.Rule!.Tests[0].Sources!;
        Assert.Equal([("1", "It opened in 1937.", "Bridge", "https://nps.gov/b"), ("2", "Another.", null, null)],
            sources.Select(s => (s.Id, s.Text, s.Title, s.Url)));
        Assert.Null(result.Rule.Tests[1].Sources);
    }

    [Theory]
    [InlineData("- { id: \"1\" }", "grounding/test.yaml:10:9: missing required key 'text'")]
    [InlineData("- { id: \"1\", text: \"a\", txt: \"b\" }", "grounding/test.yaml:10:31: unknown key 'txt' in test source; did you mean 'text'?")]
    [InlineData("- { id: \"\", text: \"a\" }", "grounding/test.yaml:10:15: 'id' must not be empty")]
    [InlineData("- \"just text\"", "grounding/test.yaml:10:9: a test source must be a mapping")]
    public void Parse_BadCaseSource_ErrorAtFileLineColumn(string source, string expected)
    {
        var yaml = Rule.Replace("""- { id: "1", text: "It opened in 1937.", title: "Bridge", url: "https://nps.gov/b" }""", source);

        var result = RuleLoader.Parse(yaml, "grounding/test.yaml", ["grounding"]);

        Assert.False(result.Success);
        Assert.True(result.Errors.Any(e => e.ToString().StartsWith(expected, StringComparison.Ordinal)),
            $"expected '{expected}', got:\n{string.Join("\n", result.Errors)}");
    }

    [Fact]
    public void Parse_DuplicateSourceIds_Error()
    {
        var yaml = Rule.Replace("{ id: 2, text: \"Another.\" }", "{ id: \"1\", text: \"Another.\" }");

        var result = RuleLoader.Parse(yaml, "grounding/test.yaml", ["grounding"]);

        Assert.Contains("grounding/test.yaml:11:15: duplicate source id '1' in this test case", result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_SourcesNotAList_Error()
    {
        var yaml = Rule.Replace("- { text: \"No sources here.\", expect: no-match }", "- { text: \"No sources here.\", expect: no-match, sources: \"x\" }");

        var result = RuleLoader.Parse(yaml, "grounding/test.yaml", ["grounding"]);

        Assert.Contains("grounding/test.yaml:12:60: 'sources' must be a list of { id, text } sources", result.Errors.Select(e => e.ToString()));
    }
}
