namespace Guardrail.Detection;

/// <summary>
/// A check that looks at one text and reports signals; rules turn signals into findings.
/// Implementations are thread-safe, return results instead of throwing for expected conditions,
/// and never retain the text.
/// </summary>
public interface IDetector
{
    /// <summary>The name rules use to refer to this detector (e.g. <c>pii</c>, <c>injection</c>) and the timing key.</summary>
    string Name { get; }

    /// <summary>Inspects <paramref name="target"/> and returns every signal found (empty when none).</summary>
    IReadOnlyList<Signal> Detect(TextTarget target);
}
