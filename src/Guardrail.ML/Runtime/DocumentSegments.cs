using Guardrail.Text;

namespace Guardrail.ML.Runtime;

/// <summary>
/// Cuts a document (tool result, retrieved page) into the segments the segment model reads: sentences and lines, short
/// ones joined with their neighbour, long ones cut at a space. An instruction inserted into a document is one or two
/// sentences; read on its own it is not diluted by the page around it, as it is in a 480-character window.
/// </summary>
/// <remarks>
/// Boundaries: <see cref="SentenceSplitter"/>'s (<c>. ! ?</c> before white space, <c>。！？；</c>, line breaks) and the
/// start and end of HTML block tags (<c>p</c>, <c>div</c>, <c>br</c>, <c>li</c>, <c>tr</c>, <c>td</c>, headings), so a
/// one-line page is cut by its paragraphs. Training cuts prepared text with the same rule, so the segments scored at run
/// time are the ones learned from.
/// </remarks>
public static class DocumentSegments
{
    /// <summary>A segment shorter than this is joined with the next (or, the last, with the one before) while the join fits <see cref="MaxLength"/>.</summary>
    public const int MinLength = 40;

    /// <summary>Longest segment; a longer sentence is cut at the last space before this (anywhere, in CJK text without spaces).</summary>
    public const int MaxLength = 300;

    private static readonly string[] BlockTags = ["p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote"];

    /// <summary>The segments of <paramref name="text"/>, in order, trimmed of white space; none for an empty or blank text.</summary>
    public static List<Range> Cut(ReadOnlySpan<char> text)
    {
        var pieces = new List<(int Start, int End)>();
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(SentenceSplitter.FindBoundary(text, start, final: true), NextTagBoundary(text, start));
            if (end <= start) end = text.Length;
            AddPiece(text, start, end, pieces);
            start = end;
        }
        return Join(pieces);
    }

    // Trimmed, and cut to at most MaxLength at the last space (or anywhere, never inside a surrogate pair).
    private static void AddPiece(ReadOnlySpan<char> text, int start, int end, List<(int, int)> pieces)
    {
        while (true)
        {
            while (start < end && char.IsWhiteSpace(text[start])) start++;
            while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
            if (start == end) return;
            if (end - start <= MaxLength)
            {
                pieces.Add((start, end));
                return;
            }
            var cut = text.Slice(start, MaxLength + 1).LastIndexOf(' ');
            cut = cut > 0 ? start + cut : start + MaxLength;
            if (char.IsHighSurrogate(text[cut - 1])) cut--;
            pieces.Add((start, cut));
            start = cut;
        }
    }

    private static List<Range> Join(List<(int Start, int End)> pieces)
    {
        var joined = new List<(int Start, int End)>(pieces.Count);
        foreach (var piece in pieces)
        {
            if (joined.Count > 0)
            {
                var last = joined[^1];
                var shortOne = last.End - last.Start < MinLength || piece.End - piece.Start < MinLength;
                if (shortOne && piece.End - last.Start <= MaxLength)
                {
                    joined[^1] = (last.Start, piece.End);
                    continue;
                }
            }
            joined.Add(piece);
        }
        return [.. joined.Select(p => new Range(p.Start, p.End))];
    }

    // The next start or end of an HTML block tag after start: before its '<' (if later than start), else after its '>'.
    private static int NextTagBoundary(ReadOnlySpan<char> text, int start)
    {
        for (var i = text[start..].IndexOf('<'); i >= 0;)
        {
            var at = start + i;
            var close = text[at..].IndexOf('>');
            if (close < 0) break;
            if (IsBlockTag(text.Slice(at + 1, close - 1))) return at > start ? at : at + close + 1;
            var next = text[(at + 1)..].IndexOf('<');
            i = next < 0 ? -1 : at + 1 + next - start;
        }
        return text.Length;
    }

    private static bool IsBlockTag(ReadOnlySpan<char> inside)
    {
        if (inside.Length > 0 && inside[0] == '/') inside = inside[1..];
        var nameEnd = 0;
        while (nameEnd < inside.Length && char.IsAsciiLetterOrDigit(inside[nameEnd])) nameEnd++;
        var name = inside[..nameEnd];
        foreach (var tag in BlockTags)
        {
            if (name.Equals(tag, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
