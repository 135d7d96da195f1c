using Guardrail.Verdicts;

namespace Guardrail.Grounding;

/// <summary>
/// Finds the citations in an answer: bracketed markers (<c>[1]</c>, <c>[1, 3]</c>, <c>[1][2]</c>, <c>[doc1]</c>,
/// <c>【1】</c>, <c>[^1]</c>), markdown links and bare URLs, plus the response's structured annotations.
/// Malformed markers are not citations and never an error.
/// </summary>
public static class CitationParser
{
    /// <summary>Longest text between brackets that can still be a marker (<c>[1, 2, 3, 4]</c> fits; a sentence in brackets does not).</summary>
    public const int MaxMarkerLength = 64;

    /// <summary>
    /// Every citation in <paramref name="text"/>, ordered by position. <paramref name="sources"/> lets markers that
    /// name a supplied source by a non-numeric id (<c>[wiki-bridge]</c>) count; without it only numeric, <c>docN</c>
    /// and footnote ids do. <paramref name="annotations"/> become <see cref="CitationKind.Annotation"/> citations.
    /// </summary>
    public static List<Citation> Parse(string text, SourceSet? sources = null, IReadOnlyList<AnswerAnnotation>? annotations = null)
    {
        var code = CodeRegions.Mark(text);
        var citations = new List<Citation>();
        Markers(text, code, sources, citations);
        UrlCitations.Find(text, code, citations);
        foreach (var a in annotations ?? [])
        {
            if (string.IsNullOrWhiteSpace(a.Url)) continue;
            // Out-of-range offsets (another unit, a stale range) are clamped rather than trusted or thrown on.
            var start = Math.Clamp(Math.Min(a.Start, a.End), 0, text.Length);
            var end = Math.Clamp(Math.Max(a.Start, a.End), start, text.Length);
            citations.Add(new Citation(CitationKind.Annotation, new TextSpan(start, end), a.Url, [a.Url]));
        }
        citations.Sort((x, y) => x.Span.Start != y.Span.Start ? x.Span.Start.CompareTo(y.Span.Start) : x.Kind.CompareTo(y.Kind));
        return citations;
    }

    private static void Markers(string text, bool[] code, SourceSet? sources, List<Citation> into)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var close = text[i] switch { '[' => ']', '［' => '］', '【' => '】', _ => '\0' };
            if (close == '\0' || code[i]) continue;
            // Nested "[[1]]": the outer brackets are ignored and the inner "[1]" is read at the next position,
            // so it resolves to source 1.
            if (text[i] == '[' && i + 1 < text.Length && text[i + 1] == '[') continue;
            if (text[i] == '[' && i > 0 && text[i - 1] == '!') continue; // markdown image
            var j = FindClose(text, i + 1, close);
            if (j < 0) continue; // "[1" never closed: not a citation
            if (close == ']' && j + 1 < text.Length && text[j + 1] == '(') continue; // markdown link: a URL citation
            if (CitationIds.Parse(text[(i + 1)..j], sources) is not { } ids) continue;
            into.Add(new Citation(CitationKind.Marker, new TextSpan(i, j + 1), text[i..(j + 1)], ids));
            i = j;
        }
    }

    // The closing bracket on the same line within MaxMarkerLength; -1 when another opening bracket or a line
    // break comes first, which makes the candidate malformed.
    private static int FindClose(string text, int from, char close)
    {
        var limit = Math.Min(text.Length, from + MaxMarkerLength + 1);
        for (var j = from; j < limit; j++)
        {
            var c = text[j];
            if (c == close) return j;
            if (c is '\n' or '[' or '［' or '【') return -1;
        }
        return -1;
    }
}
