using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Rules.Loading;

namespace Guardrail.Core.Tests.Rules.Loading;

public class RuleLoaderTests
{
    private static readonly string[] Known = ["pii", "injection"];

    [Fact]
    public void Load_ValidFolder_LoadsRulesInPathOrderWithContentHash()
    {
        using var dir = new TempRulesFolder()
            .Write("pii/email.yaml", RuleYaml.Email)
            .Write("custom/b.yml", RuleYaml.Valid("custom.b"))
            .Write("custom/a.yaml", RuleYaml.Valid("custom.a"));

        var result = RuleLoader.Load(dir.Path, Known);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(["custom.a", "custom.b", "pii.email"], result.RuleSet!.Rules.Select(r => r.Id));
        Assert.Equal(RuleSet.HashOf([RuleYaml.Valid("custom.a"), RuleYaml.Valid("custom.b"), RuleYaml.Email]), result.RuleSet.Hash);
        Assert.Equal("pii/email.yaml", result.RuleSet.Rules[2].SourceFile);
    }

    [Fact]
    public void Load_NoDefaultPolicyFile_ProvidesBuiltInDefault()
    {
        using var dir = new TempRulesFolder().Write("a.yaml", RuleYaml.Valid());

        var result = RuleLoader.Load(dir.Path, Known);

        Assert.Same(Policy.Default, result.Policies["default"]);
    }

    [Fact]
    public void Load_DuplicateIds_ReportsBothFiles()
    {
        using var dir = new TempRulesFolder()
            .Write("a.yaml", RuleYaml.Valid("same.id"))
            .Write("sub/b.yaml", RuleYaml.Valid("same.id"));

        var result = RuleLoader.Load(dir.Path, Known);

        Assert.Null(result.RuleSet);
        Assert.False(result.Success);
        Assert.Equal(
        [
            "a.yaml:1:5: duplicate id 'same.id' (also defined in sub/b.yaml:1:5)",
            "sub/b.yaml:1:5: duplicate id 'same.id' (also defined in a.yaml:1:5)",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Load_ErrorsInSeveralFiles_ReportsAllSortedByFile()
    {
        using var dir = new TempRulesFolder()
            .Write("b.yaml", RuleYaml.Valid("b.rule", action: "deny"))
            .Write("a.yaml", RuleYaml.Valid("a.rule", when: "{ detector: nope }"))
            .Write("policies/default.yaml", "name: default\nstreaming: fast\n");

        var errors = RuleLoader.Load(dir.Path, Known).Errors.Select(e => e.ToString()).ToList();

        Assert.Equal(3, errors.Count);
        Assert.StartsWith("a.yaml:3:19: unknown detector 'nope'", errors[0]);
        Assert.StartsWith("b.yaml:4:9: invalid action 'deny'", errors[1]);
        Assert.StartsWith("policies/default.yaml:2:12: invalid streaming 'fast'", errors[2]);
    }

    [Fact]
    public void Load_NonRuleFiles_AreIgnored()
    {
        using var dir = new TempRulesFolder()
            .Write("a.yaml", RuleYaml.Valid())
            .Write("constitution.yaml", "principles: []\n")
            .Write("..data/a.yaml", RuleYaml.Valid())
            .Write(".hidden/x.yaml", "not: [a rule\n")
            .Write("README.md", "# rules\n")
            .Write("schemas/rule.schema.json", "{}");

        var result = RuleLoader.Load(dir.Path, Known);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Single(result.RuleSet!.Rules);
    }

    [Fact]
    public void Load_MissingFolder_ReturnsErrorInsteadOfThrowing()
    {
        var result = RuleLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid()), Known);

        Assert.False(result.Success);
        Assert.Contains("rules folder does not exist", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void LoadFile_RelativeToRulesFolder_NamesFileInErrors()
    {
        using var dir = new TempRulesFolder().Write("pii/bad.yaml", RuleYaml.Valid(action: "deny"));

        var result = RuleLoader.LoadFile(Path.Combine(dir.Path, "pii", "bad.yaml"), Known, dir.Path);

        Assert.Equal("pii/bad.yaml:4:9: invalid action 'deny'; expected one of: allow, flag, redact, block, revise", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Load_ShippedRulesFolder_IsValid()
    {
        // The repository's own rules/ folder must always load; detectors are those the proxy registers.
        var root = AppContext.BaseDirectory;
        while (root is not null && !Directory.Exists(Path.Combine(root, "rules", "policies"))) root = Path.GetDirectoryName(root);
        Assert.NotNull(root);

        var result = RuleLoader.Load(Path.Combine(root, "rules"), [.. Known, "grounding", "toxicity", "attack"]);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Subset(result.Policies.Keys.ToHashSet(), new HashSet<string> { "default", "observe", "strict", "dlp" });
        Assert.Equal(StreamingMode.HoldBack, result.Policies["default"].Streaming);
        Assert.Equal((FailMode.Closed, OversizeAction.Block), (result.Policies["strict"].FailMode, result.Policies["strict"].Oversize));
        Assert.Equal(StreamingMode.Observe, result.Policies["observe"].Streaming);
    }
}
