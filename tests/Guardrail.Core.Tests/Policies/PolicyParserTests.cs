using Guardrail.Core.Tests.Rules;
using Guardrail.Policies;
using Guardrail.Rules.Loading;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Policies;

public class PolicyParserTests
{
    private static readonly string[] Known = ["pii", "injection"];

    private static RuleLoadResult Load(string policyFile, string policyYaml)
    {
        using var dir = new TempRulesFolder()
            .Write("pii/email.yaml", RuleYaml.Email)
            .Write("policies/" + policyFile, policyYaml);
        return RuleLoader.Load(dir.Path, Known);
    }

    [Fact]
    public void Load_FullPolicy_ReadsEveryField()
    {
        const string yaml = """
            name: strict
            description: Everything blocks.
            rules: ["pii.*", "injection.*"]
            overrides:
              pii.email: { action: flag, above: 0.9, enabled: false }
            streaming: buffer
            failMode: closed
            limits: { requestBytes: 1024, responseBytes: 2048, oversize: block }
            blockMessage: "Withheld."
            promptBlockMessage: "Refused."

            """;

        var result = Load("strict.yaml", yaml);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var p = result.Policies["strict"];
        Assert.Equal(("Everything blocks.", StreamingMode.Buffer, FailMode.Closed, 1024L, 2048L, OversizeAction.Block, "Withheld.", "Refused."),
            (p.Description, p.Streaming, p.FailMode, p.MaxRequestBytes, p.MaxResponseBytes, p.Oversize, p.BlockMessage, p.PromptBlockMessage));
        Assert.Equal(["pii.*", "injection.*"], p.Rules);
        Assert.Equal(new RuleOverride(Decision.Flag, 0.9, false), p.Overrides["pii.email"]);
        Assert.Same(Policy.Default, result.Policies["default"]);
    }

    [Fact]
    public void Load_ChecksNone_PassthroughPolicy()
    {
        var result = Load("open.yaml", "name: open\nchecks: none\n");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.True(result.Policies["open"].Passthrough);
        Assert.False(Load("all.yaml", "name: all\nchecks: all\n").Policies["all"].Passthrough);
    }

    [Fact]
    public void Load_MinimalPolicy_UsesDefaults()
    {
        var result = Load("default.yaml", "name: default\n");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(Policy.Default with { Overrides = result.Policies["default"].Overrides, Rules = result.Policies["default"].Rules },
            result.Policies["default"]);
    }

    [Theory]
    [InlineData("name: other\n", "policies/p.yaml:1:7: policy name 'other' must equal the file name 'p'")]
    [InlineData("description: x\n", "policies/p.yaml:1:1: missing required key 'name'")]
    [InlineData("name: p\nfailmode: closed\n", "policies/p.yaml:2:1: unknown key 'failmode'; did you mean 'failMode'?")]
    [InlineData("name: p\nstreaming: hold\n", "policies/p.yaml:2:12: invalid streaming 'hold'; expected one of: hold-back, observe, buffer")]
    [InlineData("name: p\nfailMode: shut\n", "policies/p.yaml:2:11: invalid failMode 'shut'; expected one of: open, closed")]
    [InlineData("name: p\noverrides:\n  pii.emial: { action: flag }\n", "policies/p.yaml:3:3: override for unknown rule 'pii.emial'; did you mean 'pii.email'?")]
    [InlineData("name: p\noverrides:\n  pii.email: { action: deny }\n", "policies/p.yaml:3:24: invalid action 'deny'; expected one of: allow, flag, redact, block")]
    [InlineData("name: p\noverrides:\n  pii.email: { above: 2 }\n", "policies/p.yaml:3:23: threshold 2 is outside [0, 1]")]
    [InlineData("name: p\noverrides:\n  pii.email: { enable: false }\n", "policies/p.yaml:3:16: unknown key 'enable' in override; did you mean 'enabled'?")]
    [InlineData("name: p\noverrides:\n  \"pii.phone.*\": { action: flag }\n", "policies/p.yaml:3:3: override pattern 'pii.phone.*' matches no rule")]
    [InlineData("name: p\noverrides:\n  \"PII.*\": { action: flag }\n", "policies/p.yaml:3:3: invalid override pattern 'PII.*'; use a rule id or a prefix ending in * (e.g. pii.prompt.*)")]
    [InlineData("name: p\noverrides:\n  \"pii.*\": { enabled: maybe }\n", "policies/p.yaml:3:23: 'enabled' must be true or false, not 'maybe'")]
    [InlineData("name: p\nlimits: { requestBytes: -1 }\n", "policies/p.yaml:2:25: 'requestBytes' must be a positive whole number of bytes, not '-1'")]
    [InlineData("name: p\nlimits: { oversize: drop }\n", "policies/p.yaml:2:21: invalid oversize 'drop'; expected one of: unchecked, block")]
    [InlineData("name: p\nrules: [\"PII.*\"]\n", "policies/p.yaml:2:9: invalid rule pattern 'PII.*'; use a rule id or a prefix ending in * (e.g. pii.*)")]
    [InlineData("name: p\nrules: [x\n", "policies/p.yaml:")]
    [InlineData("name: p\nchecks: some\n", "policies/p.yaml:2:9: invalid checks 'some'; expected one of: all, none")]
    [InlineData("name: p\nchecks: none\nrules: [\"pii.*\"]\n", "policies/p.yaml:3:8: 'checks: none' runs no rules")]
    public void Load_InvalidPolicy_ReportsErrorAtNode(string yaml, string expected)
    {
        var result = Load("p.yaml", yaml);

        Assert.Null(result.RuleSet);
        Assert.True(result.Errors.Any(e => e.ToString().StartsWith(expected, StringComparison.Ordinal)),
            $"expected '{expected}', got:\n{string.Join("\n", result.Errors)}");
    }

    [Fact]
    public void Load_PatternOverride_KeptUnderItsPattern()
    {
        var result = Load("p.yaml", "name: p\noverrides:\n  \"pii.*\": { action: flag }\n  pii.email: { above: 0.9 }\n");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var p = result.Policies["p"];
        Assert.Equal(new RuleOverride(Decision.Flag), p.Overrides["pii.*"]);
        Assert.Equal(new RuleOverride(Above: 0.9), p.Overrides["pii.email"]);
        Assert.Equal(new RuleOverride(Decision.Flag, 0.9), PolicyRules.OverrideFor(p, "pii.email"));
    }

    [Fact]
    public void Load_PatternRedactOverRuleWithoutMask_ReportsThatRule()
    {
        using var dir = new TempRulesFolder()
            .Write("pii/email.yaml", RuleYaml.Email)
            .Write("pii/word.yaml", RuleYaml.Valid(id: "pii.word", action: "flag"))
            .Write("policies/p.yaml", "name: p\noverrides:\n  \"pii.*\": { action: redact }\n");

        var result = RuleLoader.Load(dir.Path, Known);

        Assert.Equal("policies/p.yaml:3:22: action redact needs rule 'pii.word' to have a mask", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Load_SeveralPolicyMistakes_ReportsEveryError()
    {
        var result = Load("p.yaml", "name: q\nstreaming: x\nfailMode: y\nlimits: { oversize: z }\n");

        Assert.Equal(4, result.Errors.Count);
    }
}
