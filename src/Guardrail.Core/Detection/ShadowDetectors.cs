namespace Guardrail.Detection;

/// <summary>
/// Candidate detectors that run in shadow (DESIGN.md §9): on live traffic, off the hot path, in place of the live
/// detectors of the same names; their decisions are recorded beside the live ones and never change a response.
/// </summary>
/// <param name="Detectors">The candidates (e.g. a retrained toxicity classifier); empty: no shadow.</param>
/// <param name="Version">What the shadow is, for metrics and the audit trail (e.g. <c>toxicity@2026-12-05+63771f9</c>).</param>
public sealed record ShadowDetectors(IReadOnlyList<IDetector> Detectors, string Version)
{
    /// <summary>No shadow.</summary>
    public static ShadowDetectors None { get; } = new([], "");

    /// <summary>True when a candidate runs in shadow.</summary>
    public bool Enabled => Detectors.Count > 0;
}
