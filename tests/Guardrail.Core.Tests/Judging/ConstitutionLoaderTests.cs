using Guardrail.Judging;

namespace Guardrail.Core.Tests.Judging;

public class ConstitutionLoaderTests
{
    private const string Minimal = """
        version: 1
        name: test
        principles:
          - id: no-insults
            categories: [insult, toxicity]
            severity: medium
            description: No insults.
            examples:
              pass: ["Fine answer."]
              fail:
                - answer: "You idiot."
                  prompt: "Help me."
        """;

    [Fact]
    public void Load_ShippedConstitution_EveryPrincipleWithPassAndFailExamples()
    {
        var result = ConstitutionLoader.LoadFromRules(TestPaths.Rules);

        Assert.NotNull(result);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        var constitution = result.Constitution!;
        Assert.Equal(
            ["no-insults", "no-hateful-generalisations", "no-threats", "supported-and-cited", "no-personal-data-or-secrets", "no-injected-instructions", "supportive-on-self-harm"],
            constitution.Principles.Select(p => p.Id));
        Assert.All(constitution.Principles, p =>
        {
            Assert.Contains(p.Examples, e => e.Violates);
            Assert.Contains(p.Examples, e => !e.Violates);
        });
        Assert.Contains(constitution.Find("supported-and-cited")!.Examples, e => e.Sources.Count > 0);
        Assert.StartsWith("guardrail-default@", constitution.Version);
    }

    [Fact]
    public void Parse_MinimalFile_PrincipleAndExamplesRead()
    {
        var result = ConstitutionLoader.Parse(Minimal, "constitution.yaml");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var p = Assert.Single(result.Constitution!.Principles);
        Assert.Equal(JudgeSeverity.Medium, p.Severity);
        Assert.Equal(["insult", "toxicity"], p.Categories);
        var fail = Assert.Single(p.Examples, e => e.Violates);
        Assert.Equal(("You idiot.", "Help me."), (fail.Answer, fail.Prompt));
        Assert.Equal(11, fail.Line);
    }

    [Fact]
    public void Parse_SameTextTwice_SameHashOtherTextOtherHash()
    {
        var a = ConstitutionLoader.Parse(Minimal, "c.yaml").Constitution!;
        var b = ConstitutionLoader.Parse(Minimal, "c.yaml").Constitution!;
        var c = ConstitutionLoader.Parse(Minimal.Replace("No insults.", "No insults at all."), "c.yaml").Constitution!;

        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, c.Hash);
    }

    [Theory]
    [InlineData("severity: medium", "severity: extreme", "invalid severity 'extreme'")]
    [InlineData("id: no-insults", "id: No_Insults", "invalid principle id 'No_Insults'")]
    [InlineData("description: No insults.", "descripton: No insults.", "unknown key 'descripton'")]
    [InlineData("pass: [\"Fine answer.\"]", "pass: []", "'pass' must be a list of at least one example")]
    [InlineData("version: 1", "version: 2", "unsupported constitution version '2'")]
    [InlineData("categories: [insult, toxicity]", "categories: []", "'categories' needs at least one category")]
    [InlineData("  prompt: \"Help me.\"", "  promt: \"Help me.\"", "unknown key 'promt'")]
    public void Parse_BrokenFile_ErrorAtItsLine(string from, string to, string message)
    {
        var result = ConstitutionLoader.Parse(Minimal.Replace(from, to), "constitution.yaml");

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal("constitution.yaml", error.File);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void Parse_DuplicateIdsAndMissingFail_EveryErrorReported()
    {
        var yaml = Minimal + """

              - id: no-insults
                categories: [insult]
                severity: low
                description: Again.
                examples:
                  pass: ["x"]
            """;

        var result = ConstitutionLoader.Parse(yaml, "constitution.yaml");

        Assert.Contains(result.Errors, e => e.Message.Contains("duplicate principle id 'no-insults'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("missing required key 'fail'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NotYaml_OneClearError()
    {
        var result = ConstitutionLoader.Parse("principles: [unclosed", "constitution.yaml");

        Assert.Contains("YAML syntax error", Assert.Single(result.Errors).Message);
    }
}
