using Guardrail.Injection;
using Guardrail.Pii;

namespace Guardrail.Detection;

/// <summary>The detectors that ship with Guardrail, for hosts without dependency injection (the CLI).</summary>
public static class DefaultDetectors
{
    /// <summary>A registry with every built-in detector.</summary>
    public static DetectorRegistry Create() => new([new PiiDetector(), new InjectionDetector()]);
}
