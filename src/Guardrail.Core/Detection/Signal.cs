using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Detection;

/// <summary>One observation a detector made on a text: what kind, how strong, where, and why.</summary>
/// <param name="Kind">Detector-specific kind, e.g. <c>email</c>, <c>credit-card</c>, <c>instruction-override</c>.</param>
/// <param name="Score">Strength in [0, 1].</param>
/// <param name="Span">Where in the target's text; null for whole-text signals.</param>
/// <param name="Explanation">A sentence a reviewer can read.</param>
/// <param name="Evidence">Optional structured evidence copied into the finding.</param>
public sealed record Signal(string Kind, double Score, TextSpan? Span, string Explanation, JsonObject? Evidence = null)
{
    /// <summary>The kind of a signal that says the detector could not judge the text (e.g. an unsupported language).</summary>
    public const string UncheckedKind = "unchecked";

    /// <summary>A signal saying the text, or the span, was not judged, and why; it never counts as a score.</summary>
    public static Signal Unchecked(string reason, TextSpan? span = null) => new(UncheckedKind, 0, span, reason);

    /// <summary>True for <see cref="Unchecked"/> signals.</summary>
    public bool IsUnchecked => Kind == UncheckedKind;
}
