using Microsoft.Extensions.DependencyInjection;
using Guardrail.AspNetCore.Hosting;
using Guardrail.Bench;
using Guardrail.Detection;
using Guardrail.Rules;
using Guardrail.Rules.Loading;
using Guardrail.Testing;

namespace Guardrail.AspNetCore.Tests.Injection;

/// <summary>
/// What <c>DetectorBenchmarks</c> asserts before it times anything: the bench's clean prompts produce no finding under the
/// shipped rules, models and default policy. A learned detector that flags an ordinary long prompt fails here, not only in
/// a benchmark nobody runs in CI.
/// </summary>
public sealed class BenchTextsPolicyTests
{
    private static readonly Lazy<RuleEngine> Engine = new(() =>
    {
        var detectors = GuardrailDetectorRegistry.Build(b => b.AddShippedModels(RepoPaths.Models));
        var loaded = RuleLoader.Load(RepoPaths.Rules, detectors.Names);
        Assert.True(loaded.Success, string.Join("; ", loaded.Errors));
        return new RuleEngine(loaded.RuleSet!, loaded.Policies["default"], detectors);
    });

    [Theory]
    [InlineData(nameof(BenchTexts.ShortPrompt))]
    [InlineData(nameof(BenchTexts.LongPrompt))]
    public void Evaluate_BenchPromptAsUserTurn_NoFinding(string name)
    {
        var text = name == nameof(BenchTexts.ShortPrompt) ? BenchTexts.ShortPrompt : BenchTexts.LongPrompt;
        var target = new TextTarget("request.messages[0]", Direction.Request, "user", text);

        var findings = Engine.Value.Evaluate(target).Findings;

        Assert.True(findings.Count == 0, string.Join("; ", findings.Select(f => $"{f.Rule}: {f.Explanation}")));
    }
}
