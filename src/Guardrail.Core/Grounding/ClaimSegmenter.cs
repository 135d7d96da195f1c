using Guardrail.Text;
using Guardrail.Verdicts;

namespace Guardrail.Grounding;

/// <summary>
/// Cuts an answer into claims (sentences, English and Chinese) and gives each the citations that belong to it.
/// Markers written after a sentence's terminator ("… in 1912. [2]") belong to that sentence, not the next one.
/// </summary>
public static class ClaimSegmenter
{
    /// <summary>The claims of <paramref name="text"/>, in order, with <paramref name="citations"/> (from <see cref="CitationParser"/>) distributed.</summary>
    public static List<Claim> Segment(string text, IReadOnlyList<Citation> citations)
    {
        var code = CodeRegions.Mark(text);
        // Sorted once and searched by position, so an answer with many sentences and markers stays linear-ish.
        var sorted = citations.OrderBy(c => c.Span.Start).ToList();
        var markers = sorted.Where(c => c.Kind == CitationKind.Marker).ToList();
        var markerAt = new Dictionary<int, Citation>();
        foreach (var m in markers) markerAt.TryAdd(m.Span.Start, m);
        var claims = new List<(int Start, int End, bool Reference, List<Citation> Moved)>();
        foreach (var (start, end) in Segments(text, markers))
        {
            var s = SkipSpaces(text, start, end);
            var leading = new List<Citation>();
            while (markerAt.TryGetValue(s, out var m) && m.Span.End <= end)
            {
                leading.Add(m);
                s = SkipSpaces(text, m.Span.End, end);
            }
            var lineStart = start == 0 || text[start - 1] == '\n';
            if (leading.Count > 0 && !lineStart && claims.Count > 0)
            {
                claims[^1].Moved.AddRange(leading); // "… 1912. [2] Next": [2] cites the sentence before it
                if (s >= end) continue;
                leading.Clear();
            }
            var e = end;
            while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
            if (lineStart && leading.Count == 0) s = SkipBullet(text, s, e);
            if (e <= s && leading.Count == 0) continue;
            // A line that opens with a marker is an entry of the answer's own reference list ("[1] Smith, 2020").
            var from = leading.Count > 0 ? leading[0].Span.Start : s;
            claims.Add((from, Math.Max(e, from), leading.Count > 0, []));
        }
        var result = new List<Claim>(claims.Count);
        for (var i = 0; i < claims.Count; i++)
        {
            var (cs, ce, reference, moved) = claims[i];
            var next = i + 1 < claims.Count ? claims[i + 1].Start : int.MaxValue;
            // Inside the claim, or (annotations, URLs) after it and before the next claim.
            var own = new List<Citation>();
            for (var k = FirstAtOrAfter(sorted, cs); k < sorted.Count && sorted[k].Span.Start < Math.Max(ce, next); k++)
            {
                var c = sorted[k];
                if (c.Span.Start < ce || (c.Kind != CitationKind.Marker && c.Span.Start < next)) own.Add(c);
            }
            result.Add(Build(text, code, cs, ce, reference, own, moved));
        }
        return result;
    }

    // Index of the first citation starting at or after position; the list is sorted by start.
    private static int FirstAtOrAfter(List<Citation> sorted, int position)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].Span.Start < position) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static Claim Build(string text, bool[] code, int start, int end, bool reference, List<Citation> own, List<Citation> moved)
    {
        var citations = own.Concat(moved).Distinct().ToList();
        var sentence = text[start..end];
        var content = Blank(sentence, start, citations);
        var language = LanguageGuess.Guess(content);
        var allCode = true;
        for (var i = start; i < end && allCode; i++) allCode = code[i] || char.IsWhiteSpace(text[i]);
        var skip = reference ? ClaimSkip.Reference : ClaimFilter.Classify(content, language, allCode && end > start, cited: citations.Count > 0);
        return new Claim(new TextSpan(start, end), sentence, citations, language, skip) { Content = content };
    }

    // Sentence ranges, with one more cut the splitter cannot make: "… in 1912.[2] Next" (no space before the marker).
    private static IEnumerable<(int Start, int End)> Segments(string text, List<Citation> markers)
    {
        var k = 0;
        foreach (var range in SentenceSplitter.Split(text))
        {
            var (start, length) = range.GetOffsetAndLength(text.Length);
            var end = start + length;
            for (; k < markers.Count && markers[k].Span.Start < end; k++)
            {
                var m = markers[k];
                if (m.Span.Start <= start || !AfterTerminator(text, m.Span.Start)) continue;
                var q = m.Span.End;
                while (k + 1 < markers.Count && markers[k + 1].Span.Start == q) q = markers[++k].Span.End; // "[1][2]"
                if (q < end && char.IsWhiteSpace(text[q]) && SkipSpaces(text, q, end) < end)
                {
                    yield return (start, q + 1);
                    start = q + 1;
                }
            }
            if (start < end) yield return (start, end);
        }
    }

    private static bool AfterTerminator(string text, int at)
    {
        var p = at - 1;
        while (p >= 0 && text[p] is '"' or '\'' or ')' or '”' or '’' or '」' or '』' or '）') p--;
        return p >= 0 && text[p] is '.' or '!' or '?' or '。' or '！' or '？';
    }

    private static int SkipSpaces(string text, int i, int end)
    {
        while (i < end && char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    // "- ", "* ", "• ", "> ", "1. ", "2) " at the start of a line are list marks, not part of the claim.
    private static int SkipBullet(string text, int s, int e)
    {
        var i = s;
        if (i < e && text[i] is '-' or '*' or '•' or '+' or '>') i++;
        else
        {
            while (i < e && char.IsAsciiDigit(text[i]) && i - s < 3) i++;
            if (i == s || i >= e || text[i] is not ('.' or ')')) return s;
            i++;
        }
        return i < e && text[i] == ' ' ? SkipSpaces(text, i, e) : s;
    }

    // The sentence with citations blanked (markers, URLs; a link keeps its text), the same length so offsets hold.
    private static string Blank(string sentence, int offset, List<Citation> citations)
    {
        var chars = sentence.ToCharArray();
        foreach (var c in citations)
        {
            if (c.Kind == CitationKind.Annotation) continue; // an annotation covers claim text; nothing to blank
            var from = Math.Max(c.Span.Start - offset, 0);
            var to = Math.Min(c.Span.End - offset, chars.Length);
            if (c.Kind == CitationKind.Link && c.Marker.IndexOf("](", StringComparison.Ordinal) is var k and > 0)
            {
                if (from < chars.Length) chars[from] = ' ';
                from = Math.Max(from, c.Span.Start - offset + k);
            }
            for (var i = from; i < to; i++) chars[i] = ' ';
        }
        return new string(chars);
    }
}
