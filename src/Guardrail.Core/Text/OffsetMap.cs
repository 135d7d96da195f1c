namespace Guardrail.Text;

/// <summary>
/// Maps positions of a folded text back to its original when most characters were kept one for one: only the
/// places where folding changed the length (an expansion, a removal, a composed sequence) are stored, so a text
/// with a few such places costs a few entries instead of an array as long as the text.
/// </summary>
internal sealed class OffsetMap
{
    // Edit k: folded [Folded, Folded + FoldedLength) came from original [Original, Original + OriginalLength).
    // Between edits characters map one for one, and edits are in text order (zero-length removals included).
    private readonly Edit[] _edits;
    private readonly int _count;

    /// <summary>Wraps the first <paramref name="count"/> edits of <paramref name="edits"/>, in text order.</summary>
    public OffsetMap(Edit[] edits, int count)
    {
        _edits = edits;
        _count = count;
    }

    /// <summary>Where the original text of folded character <paramref name="folded"/> starts.</summary>
    public int StartOf(int folded)
    {
        var k = LastAtOrBefore(folded);
        if (k < 0) return folded;
        var e = _edits[k];
        return folded < e.Folded + e.FoldedLength ? e.Original : e.Original + e.OriginalLength + (folded - e.Folded - e.FoldedLength);
    }

    /// <summary>Where the original text of folded character <paramref name="folded"/> ends (exclusive).</summary>
    public int EndOf(int folded)
    {
        var k = LastAtOrBefore(folded);
        if (k < 0) return folded + 1;
        var e = _edits[k];
        return folded < e.Folded + e.FoldedLength ? e.Original + e.OriginalLength : StartOf(folded) + 1;
    }

    /// <summary>Writes the start and end of every folded character's original, for texts that need a dense map.</summary>
    public void Expand(int foldedLength, Span<int> starts, Span<int> ends)
    {
        int f = 0, o = 0;
        for (var k = 0; k < _count; k++)
        {
            var e = _edits[k];
            for (; f < e.Folded; f++, o++) (starts[f], ends[f]) = (o, o + 1);
            for (var j = 0; j < e.FoldedLength; j++, f++) (starts[f], ends[f]) = (e.Original, e.Original + e.OriginalLength);
            o = e.Original + e.OriginalLength;
        }
        for (; f < foldedLength; f++, o++) (starts[f], ends[f]) = (o, o + 1);
    }

    // The last edit starting at or before the position; of several starting there (a removal, then what
    // follows it), the later one, which is the one the position belongs to.
    private int LastAtOrBefore(int folded)
    {
        int lo = 0, hi = _count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_edits[mid].Folded <= folded)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }

    /// <summary>One place where folding changed the length of the text.</summary>
    internal readonly record struct Edit(int Folded, int FoldedLength, int Original, int OriginalLength);
}
