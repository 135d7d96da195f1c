using Guardrail.Detection;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Detection;

/// <summary>Every detector Guardrail ships, for hosts without dependency injection (CLI, benchmarks, rule tests).</summary>
public static class ShippedDetectors
{
    /// <summary>PII, prompt injection, grounding with the trained support model, and the toxicity classifier, from <paramref name="modelsDir"/>.</summary>
    public static DetectorRegistry Create(string modelsDir) => new(
    [
        .. DefaultDetectors.All(new CalibratedSupportScorer(SupportModel.Load(modelsDir))),
        new ToxicityDetector(ToxicityModels.Load(modelsDir), new ToxicityOptions { ModelsDirectory = modelsDir }),
    ]);
}
