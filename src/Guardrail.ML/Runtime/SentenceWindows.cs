using Guardrail.ML.Features;

namespace Guardrail.ML.Runtime;

/// <summary>
/// Cuts a long sentence into overlapping windows so that benign padding cannot dilute a toxic clause: a sentence's
/// features are normalised over the whole sentence, so 270 characters of padding push a clause that scores 0.99 on its
/// own below the flag point.
/// </summary>
/// <remarks>
/// Units are words (runs of anything but white space and clause punctuation) and single CJK characters. Windows are
/// <c>size</c> units long and start every <c>stride</c> units; both ends move to a clause boundary when one is near
/// (<c>, ; : ， ； ： 、</c>, dashes, brackets, and a conjunction such as "and" or "but" starting a clause), so a window
/// reads as a clause group rather than a cut through a phrase; words are only the fallback. Every window is at least
/// half a stride long (a two-word fragment is not evidence; on dev, half a stride caught more padded clauses than a whole
/// one at the same false-positive cost), and window starts advance by at least half a stride, so a sentence of n units
/// has at most 2n/stride + 1 windows whatever its punctuation.
/// </remarks>
public static class SentenceWindows
{
    private static readonly HashSet<string> Conjunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "but", "or", "so", "yet", "because", "while", "although", "though", "whereas", "unless",
    };

    /// <summary>
    /// The windows of <paramref name="sentence"/> as ranges into it; empty when it has no more than <paramref name="size"/>
    /// units (it is scored whole) or the geometry is not usable.
    /// </summary>
    public static List<Range> Windows(string sentence, int size, int stride)
    {
        var windows = new List<Range>();
        // A sentence cannot have more units than characters: short ones cost no scan.
        if (size < 2 || stride < 1 || stride > size || sentence.Length <= size) return windows;
        var units = Units(sentence);
        var n = units.Count;
        if (n <= size) return windows;
        var start = 0;
        var lastEnd = 0;
        var minimum = Math.Max(1, stride / 2);
        while (true)
        {
            if (start + size >= n)
            {
                // The last window ends with the sentence; its start moves forward to a clause start if one is near.
                var s = n - size;
                for (var b = s; b <= n - minimum; b++)
                {
                    if (units[b].ClauseStart) { s = b; break; }
                }
                if (n > lastEnd) windows.Add(units[s].Start..units[n - 1].End);
                return windows;
            }
            var end = start + size;
            for (var e = end; e > start + minimum; e--)
            {
                if (units[e].ClauseStart) { end = e; break; }
            }
            if (end > lastEnd)
            {
                windows.Add(units[start].Start..units[end - 1].End);
                lastEnd = end;
            }
            var next = start + stride;
            for (var b = start + Math.Max(1, stride / 2); b < start + stride; b++)
            {
                if (units[b].ClauseStart) { next = b; break; }
            }
            start = next;
        }
    }

    /// <summary>The number of units (words and CJK characters) of <paramref name="text"/>, as windows count them.</summary>
    public static int CountUnits(string text) => Units(text).Count;

    private readonly record struct Unit(int Start, int End, bool ClauseStart);

    private static List<Unit> Units(string text)
    {
        // About one unit per five characters of prose; sized once rather than grown.
        var units = new List<Unit>(text.Length / 4 + 4);
        var boundary = true;
        var wordStart = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            bool cjk, clause, separator;
            if (c < 128)
            {
                // Prose is mostly ASCII: one table read instead of three tests.
                var kind = AsciiKinds[c];
                (cjk, clause, separator) = (false, kind == Clause, kind != Letter);
            }
            else
            {
                cjk = c >= '\u3040' && Tokenizer.IsCjk(c);
                clause = IsClausePunctuation(c);
                separator = clause || char.IsWhiteSpace(c);
            }
            if (wordStart >= 0 && (separator || cjk))
            {
                var word = text.AsSpan(wordStart, i - wordStart);
                units.Add(new Unit(wordStart, i, boundary || IsConjunction(word)));
                boundary = false;
                wordStart = -1;
            }
            if (clause) boundary = true;
            else if (cjk)
            {
                units.Add(new Unit(i, i + 1, boundary));
                boundary = false;
            }
            else if (!separator && wordStart < 0) wordStart = i;
        }
        return units;
    }

    private const byte Letter = 0, Space = 1, Clause = 2;

    // The ASCII characters' kinds, from the same tests the loop makes for other characters.
    private static readonly byte[] AsciiKinds = Enumerable.Range(0, 128)
        .Select(i => IsClausePunctuation((char)i) ? Clause : char.IsWhiteSpace((char)i) ? Space : Letter).ToArray();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsClausePunctuation(char c) =>
        c is ',' or ';' or ':' or '(' or ')' or '[' or ']' or '—' or '–' or '，' or '；' or '：' or '、' or '（' or '）' or '…';

    private static bool IsConjunction(ReadOnlySpan<char> word) =>
        word.Length is >= 2 and <= 8 && (word[0] | 0x20) is 'a' or 'b' or 'o' or 's' or 'y' or 'w' or 't' or 'u' && ConjunctionLookup.Contains(word);

    // Most words start with another letter: the first-letter test spares them the case-insensitive hash.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ConjunctionLookup = Conjunctions.GetAlternateLookup<ReadOnlySpan<char>>();
}
