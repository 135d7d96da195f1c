using System.Text;

namespace Guardrail.Text;

/// <summary>
/// Per code point, cached: whether NFKC leaves it alone, and whether folding keeps it exactly as it is ("plain":
/// most letters of every script, CJK, common punctuation). Pages of 256 code points are worked out on first
/// use, so the normaliser asks ICU once per page instead of once per character; the NFKC forms of code points
/// that are not stable (full-width forms, ligatures, the ellipsis) are cached the same way.
/// </summary>
internal static class CodePointFlags
{
    /// <summary>NFKC maps the code point, on its own, to itself.</summary>
    public const byte Stable = 1;

    /// <summary>Stable, not a combining mark, and <see cref="CharFolding.Fold"/> keeps it.</summary>
    public const byte Plain = 2;

    private static readonly byte[]?[] Pages = new byte[0x1100][];
    private static readonly string?[]?[] Forms = new string[0x1100][];

    /// <summary>Whether the BMP character <paramref name="c"/> is plain (a surrogate never is).</summary>
    public static bool IsPlain(char c) => (Of(c) & Plain) != 0;

    /// <summary>The flags of <paramref name="cp"/>.</summary>
    public static byte Of(int cp)
    {
        var page = Volatile.Read(ref Pages[cp >> 8]) ?? Load(cp >> 8);
        return page[cp & 0xFF];
    }

    /// <summary>The NFKC form of <paramref name="cp"/> on its own (a code point that is not <see cref="Stable"/>).</summary>
    public static string Nfkc(int cp)
    {
        var page = Volatile.Read(ref Forms[cp >> 8]);
        if (page is null)
        {
            // Racing threads may each store a page; a form written to the losing one is simply computed again.
            page = new string?[256];
            Volatile.Write(ref Forms[cp >> 8], page);
        }
        return page[cp & 0xFF] ??= char.ConvertFromUtf32(cp).Normalize(NormalizationForm.FormKC);
    }

    private static byte[] Load(int index)
    {
        // Racing threads compute the same page; whichever is stored wins, and both are right.
        var page = new byte[256];
        Span<char> buffer = stackalloc char[2];
        for (var i = 0; i < 256; i++)
        {
            var cp = (index << 8) | i;
            if (cp is >= 0xD800 and <= 0xDFFF) continue; // lone surrogates: never normalised, never plain
            var n = new Rune(cp).EncodeToUtf16(buffer);
            var stable = IsNormalized(buffer[..n]);
            var plain = stable && CharFolding.Fold(cp) == cp && !CharFolding.IsMark(cp);
            page[i] = (byte)((stable ? Stable : 0) | (plain ? Plain : 0));
        }
        Volatile.Write(ref Pages[index], page);
        return page;
    }

    private static bool IsNormalized(ReadOnlySpan<char> s)
    {
        try
        {
            return s.IsNormalized(NormalizationForm.FormKC);
        }
        catch (ArgumentException) // a code point ICU rejects: leave it as written
        {
            return true;
        }
    }
}
