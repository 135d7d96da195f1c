using Guardrail.Grounding;
using Guardrail.Rules.Loading;

namespace Guardrail.Core.Tests.Policies;

public sealed class PolicyGroundingParserTests
{
    private static RuleLoadResult Load(string policyYaml) => OnePolicyFolder.Load(policyYaml);

    [Fact]
    public void Load_GroundingSection_ReadsEverySetting()
    {
        var result = Load("""
            name: p
            grounding:
              sourceTags: [passage, doc]
              sourcesHeading: "^(context|sources)$"
              requireCitations: true
              supportThreshold: 0.7
              maxClaims: 50
              maxSources: 8
              maxSourceChars: 1000
              maxTotalChars: 4000

            """);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var g = result.Policies["p"].Grounding;
        Assert.Equal(["passage", "doc"], g.SourceTags);
        Assert.Equal(("^(context|sources)$", true, 0.7, 50, 8, 1000, 4000),
            (g.SourcesHeading, g.RequireCitations, g.SupportThreshold, g.MaxClaims, g.MaxSources, g.MaxSourceChars, g.MaxTotalChars));
    }

    [Fact]
    public void Load_NoGroundingSection_Defaults()
    {
        var result = Load("name: p\n");

        Assert.Same(SourceOptions.Default, result.Policies["p"].Grounding);
    }

    [Fact]
    public void Load_EmptyHeading_SwitchesNumberedListsOff()
    {
        var result = Load("name: p\ngrounding: { sourcesHeading: \"\" }\n");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal("", result.Policies["p"].Grounding.SourcesHeading);
    }

    [Theory]
    [InlineData("grounding: { sourcesHeading: \"^(sources\" }", "policies/p.yaml:2:30: sourcesHeading does not compile: ")]
    [InlineData("grounding: { requireCitation: true }", "policies/p.yaml:2:14: unknown key 'requireCitation' in grounding; did you mean 'requireCitations'?")]
    [InlineData("grounding: { requireCitations: maybe }", "policies/p.yaml:2:32: 'requireCitations' must be true or false, not 'maybe'")]
    [InlineData("grounding: { supportThreshold: 1.5 }", "policies/p.yaml:2:32: threshold 1.5 is outside [0, 1]")]
    [InlineData("grounding: { maxClaims: 0 }", "policies/p.yaml:2:25: 'maxClaims' must be a whole number of claims from 1 to 100000, not '0'")]
    [InlineData("grounding: { maxSourceChars: 3000000000 }", "policies/p.yaml:2:30: 'maxSourceChars' must be a whole number of characters from 1 to 2147483647, not '3000000000'")]
    [InlineData("grounding: { sourceTags: [\"<source>\"] }", "policies/p.yaml:2:27: invalid tag name '<source>'; use letters, digits, '-', '_' or '.', starting with a letter")]
    [InlineData("grounding: [sources]", "policies/p.yaml:2:12: 'grounding' must be a mapping")]
    public void Load_BadGroundingSetting_ErrorAtFileLineColumn(string line, string expected)
    {
        var result = Load("name: p\n" + line + "\n");

        Assert.Null(result.RuleSet);
        Assert.True(result.Errors.Any(e => e.ToString().StartsWith(expected, StringComparison.Ordinal)),
            $"expected '{expected}', got:\n{string.Join("\n", result.Errors)}");
    }
}
