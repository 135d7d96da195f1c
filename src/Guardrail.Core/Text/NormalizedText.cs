using System.Globalization;
using System.Text;

namespace Guardrail.Text;

/// <summary>
/// A text folded for matching (NFKC, lower case, zero-width and format characters removed) with a map
/// from every folded position back to the original, so matches found on the folded text yield spans in
/// the original. Shared by keyword rules and the classifiers.
/// </summary>
public sealed class NormalizedText
{
    private readonly int[] _map;
    // Only deobfuscated texts carry explicit ends: their characters may stand for several original ones
    // ("sb" -> "傻逼", a collapsed run), which a start position alone cannot express.
    private readonly int[]? _ends;

    private NormalizedText(string original, string folded, int[] map, int[]? ends = null)
    {
        Original = original;
        Folded = folded;
        _map = map;
        _ends = ends;
    }

    /// <summary>The text as given.</summary>
    public string Original { get; }

    /// <summary>The folded text.</summary>
    public string Folded { get; }

    /// <summary>Folds <paramref name="text"/>.</summary>
    public static NormalizedText Create(string text)
    {
        var sb = new StringBuilder(text.Length);
        var map = new int[text.Length + 1];
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 0x80)
            {
                // ASCII is already NFKC and never a format character: fold it without allocating.
                Append(ref map, ref count, sb, c is >= 'A' and <= 'Z' ? (char)(c + 32) : c, i);
                i++;
                continue;
            }
            var len = char.IsSurrogatePair(text, i) ? 2 : 1;
            if (CharUnicodeInfo.GetUnicodeCategory(text, i) != UnicodeCategory.Format) // zero-width space/joiners, soft hyphen, bidi marks
            {
                var element = text.Substring(i, len);
                var folded = element.IsNormalized(NormalizationForm.FormKC) ? element : element.Normalize(NormalizationForm.FormKC);
                foreach (var ch in folded) Append(ref map, ref count, sb, char.ToLowerInvariant(ch), i);
            }
            i += len;
        }
        if (count == map.Length) Array.Resize(ref map, count + 1);
        map[count] = text.Length;
        Array.Resize(ref map, count + 1);
        return new NormalizedText(text, sb.ToString(), map);
    }

    /// <summary>
    /// Folds <paramref name="text"/> as <see cref="Create"/> does and also undoes common filter evasions:
    /// spelled-out words ("i.d.i.o.t"), leetspeak ("1d10t"), masked profanity ("f*ck"), letter runs
    /// ("stuuuupid") and Chinese homophones and pinyin abbreviations ("sb"). <see cref="ToOriginal"/> still
    /// maps every range back to the original characters it came from.
    /// </summary>
    public static NormalizedText CreateDeobfuscated(string text) => Deobfuscation.Apply(Create(text));

    /// <summary>Builds a deobfuscated text whose characters came from the given ranges of <paramref name="plain"/>'s folded text.</summary>
    internal static NormalizedText FromFolded(NormalizedText plain, string folded, int[] starts, int[] ends, int count)
    {
        // Compose with the plain map so both arrays index the original text directly.
        var map = new int[count + 1];
        var originalEnds = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            map[i] = plain._map[starts[i]];
            originalEnds[i] = plain.ToOriginal(ends[i] - 1, ends[i]).End;
        }
        map[count] = originalEnds[count] = plain.Original.Length;
        return new NormalizedText(plain.Original, folded, map, originalEnds);
    }

    private static void Append(ref int[] map, ref int count, StringBuilder sb, char c, int source)
    {
        // NFKC can expand one character into several, so the map may outgrow the text.
        if (count == map.Length) Array.Resize(ref map, map.Length * 2);
        map[count++] = source;
        sb.Append(c);
    }

    /// <summary>Maps a half-open range on <see cref="Folded"/> back to the original text.</summary>
    public (int Start, int End) ToOriginal(int foldedStart, int foldedEnd)
    {
        var start = _map[foldedStart];
        if (_ends is not null) return (start, foldedEnd > foldedStart ? Math.Max(_ends[foldedEnd - 1], start) : start);
        // End maps to just past the original element that produced the last folded character.
        var lastSource = foldedEnd > foldedStart ? _map[foldedEnd - 1] : start;
        var end = lastSource + (lastSource < Original.Length && char.IsSurrogatePair(Original, lastSource) ? 2 : 1);
        return (start, Math.Min(Math.Max(end, start), Original.Length));
    }
}
