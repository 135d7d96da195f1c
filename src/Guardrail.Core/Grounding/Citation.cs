using Guardrail.Verdicts;

namespace Guardrail.Grounding;

/// <summary>How an answer cites a source.</summary>
public enum CitationKind
{
    /// <summary>A bracketed marker: <c>[1]</c>, <c>[1, 3]</c>, <c>[doc1]</c>, <c>【1】</c>, <c>[^1]</c>.</summary>
    Marker,
    /// <summary>A bare URL in the text.</summary>
    Url,
    /// <summary>A markdown link <c>[text](url)</c>.</summary>
    Link,
    /// <summary>A structured annotation of the response (OpenAI <c>url_citation</c>).</summary>
    Annotation,
}

/// <summary>One citation in an answer: where it is, how it was written, and what it names.</summary>
/// <param name="Kind">How the source is cited.</param>
/// <param name="Span">Where the citation is written in the answer (for annotations: the range the annotation covers).</param>
/// <param name="Marker">The citation as written, e.g. <c>[1, 3]</c>, or the URL.</param>
/// <param name="Ids">The source ids it names (markers) or its URL (the other kinds), in order.</param>
public sealed record Citation(CitationKind Kind, TextSpan Span, string Marker, IReadOnlyList<string> Ids)
{
    /// <summary>True for citations by URL (bare, link or annotation), which resolve against <see cref="Source.Url"/>.</summary>
    public bool IsUrl => Kind != CitationKind.Marker;
}
