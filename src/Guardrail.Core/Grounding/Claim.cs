using Guardrail.Verdicts;

namespace Guardrail.Grounding;

/// <summary>Why a sentence of an answer is not checked against the sources.</summary>
public enum ClaimSkip
{
    /// <summary>Checkable: a factual sentence in a supported language.</summary>
    None,
    /// <summary>A question asserts nothing.</summary>
    Question,
    /// <summary>A heading or label ("Summary:", "## Sources").</summary>
    Heading,
    /// <summary>Too short or generic to be a factual claim ("Sure!", "I hope this helps.").</summary>
    Generic,
    /// <summary>An entry of the answer's own reference list ("[1] Smith, 2020").</summary>
    Reference,
    /// <summary>Code.</summary>
    Code,
    /// <summary>No words at all (numbers, punctuation, emoji).</summary>
    NoWords,
    /// <summary>A language the check does not support (only English and Chinese are): reported unchecked, never supported.</summary>
    UnsupportedLanguage,
}

/// <summary>One sentence of an answer, the citations that belong to it, and whether it can be checked.</summary>
/// <param name="Span">Where the sentence is in the answer (trimmed; bullets and markers after its terminator excluded).</param>
/// <param name="Text">The sentence as written: <c>answer[Span]</c>.</param>
/// <param name="Citations">Its citations: those inside it, and markers written right after its terminator (<c>… 1912. [2]</c>).</param>
/// <param name="Language">The guessed language (<c>en</c>, <c>zh</c>, <c>none</c>, or a script name).</param>
/// <param name="Skip">Why it is not checked; <see cref="ClaimSkip.None"/> when it is.</param>
public sealed record Claim(TextSpan Span, string Text, IReadOnlyList<Citation> Citations, string Language, ClaimSkip Skip)
{
    /// <summary>True when the sentence is a factual claim in a supported language.</summary>
    public bool Checkable => Skip == ClaimSkip.None;

    /// <summary>The sentence with its citations blanked out (same length), so marker digits and URLs are not read as claim content.</summary>
    public string Content { get; init; } = Text;
}
