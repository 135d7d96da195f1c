using Guardrail.Grounding;
using Guardrail.Injection;
using Guardrail.Pii;

namespace Guardrail.Detection;

/// <summary>The detectors built into Core for hosts without dependency injection (tests); hosts register them with <c>AddGuardrailDetection()</c>.</summary>
public static class DefaultDetectors
{
    /// <summary>A registry with every built-in detector; grounding uses <paramref name="support"/> (default: the word-overlap floor).</summary>
    public static DetectorRegistry Create(ISupportScorer? support = null) => new(All(support));

    /// <summary>New instances of every built-in detector: PII, prompt injection, and grounding with <paramref name="support"/> (default <see cref="OverlapSupportScorer"/>).</summary>
    public static IDetector[] All(ISupportScorer? support = null) => [new PiiDetector(), new InjectionDetector(), new GroundingDetector(support)];
}
