using Guardrail.Injection;
using Guardrail.Pii;

namespace Guardrail.Detection;

/// <summary>The detectors built into Core (the toxicity classifier lives in Guardrail.ML: see ShippedDetectors there).</summary>
public static class DefaultDetectors
{
    /// <summary>A registry with every built-in detector.</summary>
    public static DetectorRegistry Create() => new(All());

    /// <summary>New instances of every built-in detector.</summary>
    public static IDetector[] All() => [new PiiDetector(), new InjectionDetector()];
}
