namespace Guardrail.Text;

/// <summary>Splits text into sentences for English and for unsegmented scripts such as Chinese.</summary>
/// <remarks>
/// A sentence ends at <c>. ! ?</c> (and closing quotes/brackets after them) followed by white space, at
/// the CJK terminators <c>。！？</c> (no space needed), or at a line break. Decimal numbers and
/// single-letter abbreviations are not split. The same rule serves whole texts and streams.
/// </remarks>
public static class SentenceSplitter
{
    /// <summary>All sentences of a complete text, as ranges that together cover it (white space included).</summary>
    public static List<Range> Split(string text)
    {
        var ranges = new List<Range>();
        var start = 0;
        while (start < text.Length)
        {
            var end = FindBoundary(text, start, final: true);
            ranges.Add(start..end);
            start = end;
        }
        return ranges;
    }

    /// <summary>
    /// Finds where the sentence that begins at <paramref name="start"/> ends (exclusive, trailing white space included).
    /// With <paramref name="final"/> false the text may still grow, so a terminator at the very end is not yet a
    /// boundary and -1 is returned when no boundary is certain.
    /// </summary>
    public static int FindBoundary(string text, int start, bool final) => FindBoundary(text.AsSpan(), start, final);

    /// <inheritdoc cref="FindBoundary(string, int, bool)"/>
    /// <remarks>Lets a stream scan its growing buffer without copying it into a string first.</remarks>
    public static int FindBoundary(ReadOnlySpan<char> text, int start, bool final)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n')
            {
                return i + 1;
            }
            if (c is '。' or '！' or '？' or '；')
            {
                var j = SkipClosers(text, i + 1);
                if (j >= text.Length && !final) return -1;
                return j < text.Length && char.IsWhiteSpace(text[j]) ? j + 1 : j;
            }
            if (c is '.' or '!' or '?')
            {
                var j = SkipClosers(text, i + 1);
                while (j < text.Length && text[j] is '.' or '!' or '?') j = SkipClosers(text, j + 1);
                if (j >= text.Length)
                {
                    if (!final) return -1;
                    return text.Length;
                }
                if (!char.IsWhiteSpace(text[j])) continue; // "3.14", "e.g.x", "example.com"
                if (c == '.' && IsAbbreviation(text, start, i)) continue;
                // The boundary is one white-space character past the terminator, never more: a stream can
                // then release a sentence as soon as that character arrives, and agrees with the whole text.
                return j + 1;
            }
        }
        return final ? text.Length : -1;
    }

    private static int SkipClosers(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && text[i] is '"' or '\'' or ')' or ']' or '”' or '’' or '」' or '』' or '）' or '*' or '_') i++;
        return i;
    }

    // "Dr. Smith", "e.g. this", "J. R. R. Tolkien": a one-letter word before the dot, or a known title.
    // "mail a@b.io. Next" still ends the sentence: "io" is neither.
    private static bool IsAbbreviation(ReadOnlySpan<char> text, int sentenceStart, int dot)
    {
        var w = dot;
        while (w > sentenceStart && char.IsLetter(text[w - 1])) w--;
        var word = text.Slice(w, dot - w);
        if (word.Length == 0) return false;
        if (word.Length == 1) return true;
        foreach (var abbr in Abbreviations)
        {
            if (word.Equals(abbr, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static readonly string[] Abbreviations = ["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "inc", "ltd", "no", "fig", "approx"];
}
