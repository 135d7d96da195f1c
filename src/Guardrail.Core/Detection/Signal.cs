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
    /// <summary>
    /// Evidence keys whose values quote the checked text (grounding's <c>missing</c> terms and <c>conflicts</c>, a classifier's contributing <c>ngrams</c>). A finding whose action
    /// withholds the text (block, redact) drops them, as it drops its <c>text</c>: the verdict travels with the response.
    /// </summary>
    public static IReadOnlyList<string> TextDerivedEvidenceKeys { get; } = ["missing", "quote", "ngrams", "conflicts"];

    /// <summary>An explanation that quotes none of the checked text, used instead of <see cref="Explanation"/> when the finding withholds it.</summary>
    public string? WithheldExplanation { get; init; }

    /// <summary>The kind of a signal that says the detector could not judge the text (e.g. an unsupported language).</summary>
    public const string UncheckedKind = "unchecked";

    /// <summary>The kind of a signal that only informs the verdict (e.g. an ignored empty source).</summary>
    public const string NoteKind = "note";

    /// <summary>
    /// For a classifier's category signal: the tally behind its score. The verdict then scores the category as the
    /// sum of hits over the sum of totals across every text of the exchange, instead of the highest score.
    /// A share is a tally, not an observation at a place, so conditions never match it.
    /// </summary>
    public ScoreShare? Share { get; init; }

    /// <summary>A signal saying the text, or the span, was not judged, and why; it never counts as a score.</summary>
    public static Signal Unchecked(string reason, TextSpan? span = null) => new(UncheckedKind, 0, span, reason);

    /// <summary>A remark for the verdict's notes (bounded or skipped work that does not make the exchange unchecked); never a match or a score.</summary>
    public static Signal Note(string remark) => new(NoteKind, 0, null, remark);

    /// <summary>A category score backed by a tally (see <see cref="Share"/>).</summary>
    public static Signal ShareOf(string category, ScoreShare share, string explanation) =>
        new(category, share.Value ?? 0, null, explanation) { Share = share };

    /// <summary>True for <see cref="Unchecked"/> signals.</summary>
    public bool IsUnchecked => Kind == UncheckedKind;

    /// <summary>True for <see cref="Note"/> signals.</summary>
    public bool IsNote => Kind == NoteKind;
}
