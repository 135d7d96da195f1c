using Guardrail.Policies;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Policies;

public sealed class PolicyRulesTests
{
    private static Policy With(params (string Key, RuleOverride Override)[] overrides) =>
        new() { Name = "p", Overrides = overrides.ToDictionary(o => o.Key, o => o.Override) };

    [Fact]
    public void OverrideFor_NoEntryNamesTheRule_Null()
    {
        var policy = With(("pii.prompt.*", new RuleOverride(Decision.Redact)));

        Assert.Null(PolicyRules.OverrideFor(policy, "pii.email"));
        Assert.Null(PolicyRules.OverrideFor(Policy.Default, "pii.email"));
    }

    [Fact]
    public void OverrideFor_PatternAndExactId_EachSettingFromTheMostSpecificEntryThatSetsIt()
    {
        var policy = With(
            ("*", new RuleOverride(Decision.Flag, 0.1, true)),
            ("pii.*", new RuleOverride(Decision.Block, 0.2)),
            ("pii.prompt.*", new RuleOverride(Decision.Redact)),
            ("pii.prompt.ipv4", new RuleOverride(Above: 0.9)));

        Assert.Equal(new RuleOverride(Decision.Redact, 0.9, true), PolicyRules.OverrideFor(policy, "pii.prompt.ipv4"));
        Assert.Equal(new RuleOverride(Decision.Redact, 0.2, true), PolicyRules.OverrideFor(policy, "pii.prompt.email"));
        Assert.Equal(new RuleOverride(Decision.Block, 0.2, true), PolicyRules.OverrideFor(policy, "pii.email"));
        Assert.Equal(new RuleOverride(Decision.Flag, 0.1, true), PolicyRules.OverrideFor(policy, "injection.instruction-override"));
    }

    [Fact]
    public void Enables_PatternSwitchesOffExactIdSwitchesBackOn_OnlyThatRuleRuns()
    {
        var policy = With(("pii.prompt.*", new RuleOverride(Enabled: false)), ("pii.prompt.secret", new RuleOverride(Enabled: true)));

        Assert.False(PolicyRules.Enables(policy, "pii.prompt.email"));
        Assert.True(PolicyRules.Enables(policy, "pii.prompt.secret"));
        Assert.True(PolicyRules.Enables(policy, "pii.email"));
    }

    [Theory]
    [InlineData("*", "pii.email", true)]
    [InlineData("pii.*", "pii.prompt.email", true)]
    [InlineData("pii.prompt.*", "pii.email", false)]
    [InlineData("pii.email", "pii.email", true)]
    [InlineData("pii.email", "pii.email-extra", false)]
    public void Matches_IdOrPrefixPattern(string pattern, string id, bool expected)
    {
        Assert.Equal(expected, PolicyRules.Matches(pattern, id));
    }
}
