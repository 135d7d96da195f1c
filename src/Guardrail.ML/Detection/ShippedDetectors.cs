using Guardrail.Detection;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Detection;

/// <summary>Every detector Guardrail ships, for hosts without dependency injection (CLI, benchmarks, rule tests).</summary>
public static class ShippedDetectors
{
    /// <summary>PII, prompt injection and the toxicity classifier loaded from <paramref name="modelsDir"/>.</summary>
    public static DetectorRegistry Create(string modelsDir) => new(
    [
        .. DefaultDetectors.All(),
        new ToxicityDetector(ToxicityModels.Load(modelsDir), new ToxicityOptions { ModelsDirectory = modelsDir }),
    ]);
}
