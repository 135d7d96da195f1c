using Guardrail.Detection;
using Guardrail.Rules;
using Guardrail.Rules.Loading;
using Guardrail.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.Bench;

/// <summary>The shipped detectors and rules under the <c>default</c> policy, as <c>serve</c> builds them: the engine the benchmarks run.</summary>
public static class BenchRules
{
    /// <summary>The shipped models' detectors and the rule engine of the shipped rules' <c>default</c> policy; throws when the rules do not load.</summary>
    public static (DetectorRegistry Detectors, RuleEngine Engine) DefaultEngine()
    {
        var detectors = Guardrail.AspNetCore.Hosting.GuardrailDetectorRegistry.Build(b => b.AddShippedModels(RepoPaths.Models));
        var loaded = RuleLoader.Load(RepoPaths.Rules, detectors.Names);
        if (!loaded.Success) throw new InvalidOperationException("rules failed to load: " + string.Join("; ", loaded.Errors));
        return (detectors, new RuleEngine(loaded.RuleSet!, loaded.Policies["default"], detectors));
    }
}
