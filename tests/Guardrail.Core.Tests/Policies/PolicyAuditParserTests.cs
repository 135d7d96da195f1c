using Guardrail.Audit;
using Guardrail.Rules.Loading;

namespace Guardrail.Core.Tests.Policies;

public sealed class PolicyAuditParserTests
{
    private static RuleLoadResult Load(string policyYaml) => OnePolicyFolder.Load(policyYaml);

    [Theory]
    [InlineData("audit: { text: masked }", AuditTextMode.Masked)]
    [InlineData("audit: { text: full }", AuditTextMode.Full)]
    [InlineData("audit:\n  text: none", AuditTextMode.None)]
    [InlineData("audit: {}", AuditTextMode.Masked)]
    public void Load_AuditSection_ReadsTextMode(string section, AuditTextMode expected)
    {
        var result = Load("name: p\n" + section + "\n");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(expected, result.Policies["p"].AuditText);
    }

    [Fact]
    public void Load_NoAuditSection_Masked()
    {
        var result = Load("name: p\n");

        Assert.Equal(AuditTextMode.Masked, result.Policies["p"].AuditText);
    }

    [Theory]
    [InlineData("audit: { text: secret }", "policies/p.yaml:2:16: invalid audit.text 'secret'; expected one of: masked, full, none")]
    [InlineData("audit: { texts: full }", "policies/p.yaml:2:10: unknown key 'texts' in audit; did you mean 'text'?")]
    [InlineData("audit: full", "policies/p.yaml:2:8: 'audit' must be a mapping")]
    [InlineData("audit: { text: [full] }", "policies/p.yaml:2:16: 'audit.text' must be a string")]
    public void Load_BadAuditSetting_ErrorAtFileLineColumn(string line, string expected)
    {
        var result = Load("name: p\n" + line + "\n");

        Assert.Null(result.RuleSet);
        Assert.True(result.Errors.Any(e => e.ToString().StartsWith(expected, StringComparison.Ordinal)),
            $"expected '{expected}', got:\n{string.Join("\n", result.Errors)}");
    }
}
