using System.Globalization;
using System.Text;

namespace Guardrail.Text;

/// <summary>
/// What <see cref="TextNormalizer"/> makes of one code point after NFKC: dropped (invisible), replaced by its
/// ASCII stand-in (digits, dashes, spaces, Latin small capitals), or kept. Context-free, so it can be cached.
/// </summary>
internal static class CharFolding
{
    /// <summary>The code point is dropped.</summary>
    public const int Drop = -1;

    /// <summary>A long dash (em dash, horizontal bar): a hyphen between digits, punctuation elsewhere.</summary>
    public const int WideDash = -2;

    /// <summary>The folded form of <paramref name="cp"/>: itself, another code point, <see cref="Drop"/> or <see cref="WideDash"/>.</summary>
    public static int Fold(int cp)
    {
        if (cp < 0x80) return cp;
        switch (CharUnicodeInfo.GetUnicodeCategory(cp))
        {
            case UnicodeCategory.Format: // zero-width space and joiners, soft hyphen, bidi controls, tag characters
                return Drop;
            case UnicodeCategory.SpaceSeparator:
                return ' ';
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
                return '\n';
            case UnicodeCategory.DecimalDigitNumber: // Arabic-Indic, Devanagari, fullwidth... digits
                return '0' + (int)Rune.GetNumericValue(new Rune(cp));
            case UnicodeCategory.DashPunctuation:
                return cp is 0x2014 or 0x2015 or 0x2E3A or 0x2E3B or 0x3030 or 0x301C ? WideDash : '-';
            case UnicodeCategory.NonSpacingMark:
                return IsIgnorableMark(cp) ? Drop : cp;
            case UnicodeCategory.OtherNotAssigned:
                return cp is 0x2065 or >= 0xE0000 and <= 0xE0FFF ? Drop : cp; // reserved default-ignorable code points
            default:
                return Other(cp);
        }
    }

    // Variation selectors, the combining grapheme joiner and Mongolian free variation selectors are marks that
    // render as nothing; evasions put them between letters.
    private static bool IsIgnorableMark(int cp) =>
        cp is 0x034F or >= 0x180B and <= 0x180D or 0x180F or >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF
            or 0x17B4 or 0x17B5;

    private static int Other(int cp) => cp switch
    {
        0x2212 or 0x2796 or 0x02D7 or 0x2043 => '-',          // minus signs and the hyphen bullet
        0x3164 or 0x115F or 0x1160 or 0x2800 => ' ',          // Hangul fillers and the blank Braille pattern render as space
        >= 0x0237 and <= 0x02AF or >= 0x1D00 and <= 0x1D22 or >= 0xA730 and <= 0xA7AF => LatinLookalike(cp),
        _ => cp,
    };

    // Small capitals and IPA letters that read as plain Latin letters ("ɪɢɴᴏʀᴇ"); NFKC leaves them alone.
    private static int LatinLookalike(int cp) => cp switch
    {
        0x0237 => 'j', 0x0251 => 'a', 0x0261 or 0x0262 => 'g', 0x0269 or 0x026A => 'i', 0x0274 => 'n',
        0x0280 => 'r', 0x028F => 'y', 0x0299 => 'b', 0x029C => 'h', 0x029F => 'l',
        0x1D00 => 'a', 0x1D04 => 'c', 0x1D05 => 'd', 0x1D07 => 'e', 0x1D0A => 'j', 0x1D0B => 'k', 0x1D0D => 'm',
        0x1D0F => 'o', 0x1D18 => 'p', 0x1D1B => 't', 0x1D1C => 'u', 0x1D20 => 'v', 0x1D21 => 'w', 0x1D22 => 'z',
        0xA730 => 'f', 0xA731 => 's', 0xA7AF => 'q',
        _ => cp,
    };

    /// <summary>Whether <paramref name="cp"/> is a combining mark, which NFKC may compose with the character before it.</summary>
    public static bool IsMark(int cp) =>
        cp >= 0x300 && CharUnicodeInfo.GetUnicodeCategory(cp) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
