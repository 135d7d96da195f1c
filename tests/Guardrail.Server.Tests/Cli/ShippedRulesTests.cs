using Guardrail.Rules.Loading;
using Guardrail.Rules.Testing;
using Guardrail.Server.Cli;
using Guardrail.Testing;

namespace Guardrail.Server.Tests.Cli;

/// <summary>Every shipped rule file loads and its embedded cases pass: the build proves the rules (DESIGN.md §10.9).</summary>
public sealed class ShippedRulesTests
{
    private static readonly Lazy<(RuleLoadResult Load, IReadOnlyList<RuleTestResult> Results)> Shipped = new(() =>
    {
        // The same detectors and runner as `guardrail rules test`, so the build proves the shipped rules.
        var detectors = CliDetectors.Create(RepoPaths.Models);
        var load = RuleLoader.Load(RepoPaths.Rules, detectors.Names);
        var results = load.Success ? RuleTestRunner.Run(load.RuleSet!, detectors) : [];
        return (load, results);
    });

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var r in Shipped.Value.Results) data.Add(r.RuleId, r.Line);
        return data;
    }

    [Fact]
    public void Load_ShippedRules_NoErrors()
    {
        Assert.Empty(Shipped.Value.Load.Errors.Select(e => e.ToString()));
        Assert.True(Shipped.Value.Load.Policies.ContainsKey("default"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_EmbeddedCase_Passes(string rule, int line)
    {
        var result = Shipped.Value.Results.Single(r => r.RuleId == rule && r.Line == line);
        Assert.True(result.Passed, $"{result.File}:{result.Line}: expected {result.Expected}, got {result.Actual} for \"{result.Text}\"");
    }
}
