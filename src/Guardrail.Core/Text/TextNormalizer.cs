using System.Buffers;
using System.Text;

namespace Guardrail.Text;

/// <summary>
/// The one text normaliser every check matches on (PII, prompt injection, keyword and regex rules, the toxicity
/// classifier). It applies NFKC (full-width forms, ligatures, circled and styled letters), turns every Unicode
/// decimal digit into ASCII, dashes and minus signs into '-', space separators into ' ', drops invisible characters
/// (format characters, variation selectors, the combining grapheme joiner, tag characters) and combining marks
/// stacked on ASCII letters and digits, and folds Latin small capitals and Cyrillic and Greek look-alikes. Letter case is
/// kept; <see cref="NormalizedText"/> adds the lower-cased form and the map back to the original.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Folds <paramref name="text"/>, keeping letter case.</summary>
    public static NormalizedText Fold(string text)
    {
        // Pure ASCII is already folded: the common case costs one vectorised scan and no allocation.
        if (Ascii.IsValid(text)) return NormalizedText.Unchanged(text);
        var writer = new FoldWriter(text);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            int end;
            if (c < 0x80) end = RunEnd(text.AsSpan(i).IndexOfAnyExceptInRange('\0', '\x7F'), i, text.Length);
            else if (CodePointFlags.IsPlain(c)) end = PlainRunEnd(text, i);
            else
            {
                i = Segment(text, i, writer);
                continue;
            }
            // The last character of a run is the base of the combining marks that follow it, if any.
            if (end < text.Length && MarkLength(text, end) > 0)
            {
                writer.Keep(end - 1);
                i = Segment(text, end - 1, writer);
            }
            else
            {
                writer.Keep(end);
                i = end;
            }
        }
        Confusables.Fold(writer);
        var (folded, map) = writer.Finish();
        return new NormalizedText(text, folded, map);
    }

    private static int RunEnd(int found, int start, int length) => found < 0 ? length : start + found;

    private static int PlainRunEnd(string text, int i)
    {
        while (i < text.Length && (text[i] < 0x80 || CodePointFlags.IsPlain(text[i]))) i++;
        return i;
    }

    // One code point with the combining marks that follow it, which NFKC may compose into one character.
    private static int Segment(string text, int start, FoldWriter writer)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(start), out var rune, out var length) != OperationStatus.Done)
        {
            writer.Keep(start + 1); // a lone surrogate stays as written
            return start + 1;
        }
        var end = start + length;
        while (end < text.Length && MarkLength(text, end) is var mark and > 0) end += mark;
        if (end > start + length) FoldSequence(text, start, end, writer);
        else if ((CodePointFlags.Of(rune.Value) & CodePointFlags.Plain) != 0) writer.Keep(end);
        else if ((CodePointFlags.Of(rune.Value) & CodePointFlags.Stable) != 0) WriteFolded(text, end, length, text.AsSpan(start, length), writer);
        else WriteFolded(text, end, length, CodePointFlags.Nfkc(rune.Value), writer);
        return end;
    }

    private static void FoldSequence(string text, int start, int end, FoldWriter writer)
    {
        // Marks that render as nothing go first, so that NFKC can compose what is left.
        Span<char> kept = end - start <= 64 ? stackalloc char[64] : new char[end - start];
        var n = 0;
        foreach (var r in text.AsSpan(start, end - start).EnumerateRunes())
        {
            if (CharFolding.Fold(r.Value) != CharFolding.Drop) n += r.EncodeToUtf16(kept[n..]);
        }
        Normalize(text, end, end - start, kept[..n], writer);
    }

    private static void Normalize(string text, int next, int length, ReadOnlySpan<char> source, FoldWriter writer)
    {
        Span<char> buffer = stackalloc char[128];
        ReadOnlySpan<char> nfkc = source.TryNormalize(buffer, out var written, NormalizationForm.FormKC)
            ? buffer[..written]
            : source.ToString().Normalize(NormalizationForm.FormKC);
        // Marks left over after composition have no precomposed form to fold into: on an ASCII letter or digit they
        // are decoration ("i̸g̷n̸", keycap digits), and the character under them is what a reader sees. Real accents
        // compose and never get here.
        Span<char> letter = stackalloc char[1];
        if (nfkc.Length > 1 && AllMarks(nfkc[1..]) && AsciiBase(nfkc[0]) is var b and not '\0')
        {
            letter[0] = b;
            nfkc = letter;
        }
        WriteFolded(text, next, length, nfkc, writer);
    }

    // The ASCII letter or digit that c is, or is composed from ("ị" = i + dot below); '\0' otherwise.
    private static char AsciiBase(char c)
    {
        if (char.IsAsciiLetterOrDigit(c)) return c;
        Span<char> nfd = stackalloc char[8];
        return new ReadOnlySpan<char>(in c).TryNormalize(nfd, out var n, NormalizationForm.FormD) && n > 1 && char.IsAsciiLetterOrDigit(nfd[0])
            ? nfd[0]
            : '\0';
    }

    private static void WriteFolded(string text, int next, int length, ReadOnlySpan<char> input, FoldWriter writer)
    {
        // Every replacement is one ASCII character, so the output is never longer than the input.
        Span<char> output = input.Length <= 128 ? stackalloc char[128] : new char[input.Length];
        var n = 0;
        foreach (var r in input.EnumerateRunes())
        {
            var f = CharFolding.Fold(r.Value);
            if (f == CharFolding.Drop) continue;
            if (f == CharFolding.WideDash) f = EndsWithDigit(output[..n], writer) && StartsWithDigit(text, next) ? '-' : r.Value;
            if (f == r.Value) n += r.EncodeToUtf16(output[n..]);
            else output[n++] = (char)f;
        }
        writer.Write(length, output[..n]);
    }

    private static bool EndsWithDigit(ReadOnlySpan<char> output, FoldWriter writer) =>
        output.Length > 0 ? char.IsAsciiDigit(output[^1]) : writer.Written is [.., var last] && char.IsAsciiDigit(last);

    // Whether the next visible character is a digit, so that a long dash joins digit groups ("555—0199").
    private static bool StartsWithDigit(string text, int at)
    {
        foreach (var r in text.AsSpan(at, Math.Min(8, text.Length - at)).EnumerateRunes())
        {
            var f = CharFolding.Fold(r.Value);
            if (f != CharFolding.Drop) return f is >= '0' and <= '9';
        }
        return false;
    }

    private static bool AllMarks(ReadOnlySpan<char> s)
    {
        foreach (var r in s.EnumerateRunes())
        {
            if (!CharFolding.IsMark(r.Value)) return false;
        }
        return true;
    }

    private static int MarkLength(string text, int at)
    {
        if (text[at] < 0x300) return 0;
        return Rune.DecodeFromUtf16(text.AsSpan(at), out var r, out var n) == OperationStatus.Done && CharFolding.IsMark(r.Value) ? n : 0;
    }
}
