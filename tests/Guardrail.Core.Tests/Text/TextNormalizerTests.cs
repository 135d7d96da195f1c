using Guardrail.Text;

namespace Guardrail.Core.Tests.Text;

public sealed class TextNormalizerTests
{
    private static string Cased(string text) => NormalizedText.CreateCased(text).Folded;

    [Fact]
    public void CreateCased_PureAscii_ReturnsTheSameStringWithIdentityMap()
    {
        const string text = "Plain ASCII text, 4111-1111 and jane@example.com.";
        var n = NormalizedText.CreateCased(text);

        Assert.Same(text, n.Folded);
        Assert.Equal((6, 11), n.ToOriginal(6, 11));
    }

    [Fact]
    public void Create_PureAscii_LowerCasesWithIdentityMap()
    {
        var n = NormalizedText.Create("Ignore ALL");

        Assert.Equal("ignore all", n.Folded);
        Assert.Equal((7, 10), n.ToOriginal(7, 10));
    }

    [Theory]
    [InlineData("ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "jane@example.com")]
    [InlineData("ＩＧＮＯＲＥ", "IGNORE")]
    [InlineData("ﬁle", "file")]
    [InlineData("𝐢𝐠𝐧𝐨𝐫𝐞", "ignore")]          // mathematical bold letters: surrogate pairs
    [InlineData("Ⓐⓑⓒ", "Abc")]
    public void CreateCased_CompatibilityForms_FoldedByNfkc(string text, string expected) => Assert.Equal(expected, Cased(text));

    [Theory]
    [InlineData("٤١١١", "4111")]        // Arabic-Indic
    [InlineData("۴۱۱۱", "4111")]        // extended Arabic-Indic (Persian)
    [InlineData("४१११", "4111")]        // Devanagari
    [InlineData("৪১১১", "4111")]        // Bengali
    [InlineData("๔๑๑๑", "4111")]        // Thai
    [InlineData("４１１１", "4111")]    // full-width
    [InlineData("𝟒𝟏𝟏𝟏", "4111")]        // mathematical bold digits
    [InlineData("𞥔𞥑", "41")]           // Adlam: supplementary decimal digits
    public void CreateCased_UnicodeDecimalDigits_FoldToAscii(string text, string expected) => Assert.Equal(expected, Cased(text));

    [Theory]
    [InlineData("555\u2010123\u20114567", "555-123-4567")]  // hyphen, non-breaking hyphen
    [InlineData("555\u2012123\u20134567", "555-123-4567")]  // figure dash, en dash
    [InlineData("555\u2212123\uFE634567", "555-123-4567")]  // minus sign, small hyphen-minus
    [InlineData("555\uFF0D123\u2E3A4567", "555-123-4567")]  // full-width hyphen-minus, two-em dash between digits
    [InlineData("555\u2014123\u20154567", "555-123-4567")]  // em dash, horizontal bar between digits
    public void CreateCased_UnicodeDashes_FoldToHyphen(string text, string expected) => Assert.Equal(expected, Cased(text));

    [Theory]
    [InlineData("Call me\u2014any time", "Call me\u2014any time")]
    [InlineData("读书——很好", "读书——很好")]
    [InlineData("It was 1937\u2014a good year", "It was 1937\u2014a good year")]
    public void CreateCased_LongDashOutsideNumbers_KeptAsPunctuation(string text, string expected) => Assert.Equal(expected, Cased(text));

    [Theory]
    [InlineData("a\u00A0b\u2009c\u3000d", "a b c d")]       // no-break, thin, ideographic space
    [InlineData("a\u202Fb\u1680c\u205Fd", "a b c d")]       // narrow no-break, ogham, medium mathematical space
    [InlineData("a\u2028b\u2029c", "a\nb\nc")]               // line and paragraph separators
    [InlineData("a\u3164b\u2800c", "a b c")]                 // Hangul filler, blank Braille pattern
    public void CreateCased_SpaceSeparators_FoldToSpace(string text, string expected) => Assert.Equal(expected, Cased(text));

    [Theory]
    [InlineData("i\u200Bg\u200Cn\u200Do\u2060r\uFEFFe")]    // zero-width space, joiners, word joiner, BOM
    [InlineData("ig\u00ADno\u200Ere\u202E")]                 // soft hyphen, bidi marks and overrides
    [InlineData("i\uFE0Fg\uFE00n\U000E0100o\U000E01EFre")]   // variation selectors, BMP and supplementary
    [InlineData("i\u034Fg\u034Fnore")]                       // combining grapheme joiner
    [InlineData("ig\U000E0069\U000E0067nore\U000E007F")]     // invisible tag characters
    [InlineData("ig\u180Enor\u180Be")]                       // Mongolian vowel separator, free variation selector
    public void CreateCased_InvisibleCharacters_Removed(string text) => Assert.Equal("ignore", Cased(text));

    [Theory]
    [InlineData("i\u0338g\u0337n\u0335o\u0334r\u0336e", "ignore")]   // combining overlays on ASCII letters
    [InlineData("i\u0307\u0323gnore", "ignore")]
    [InlineData("cafe\u0301", "café")]                                // composable: composed, not dropped
    [InlineData("Ａ\u030A", "Å")]                                     // NFKC then composition
    public void CreateCased_CombiningMarks_ComposedOrDroppedFromAsciiLetters(string text, string expected) =>
        Assert.Equal(expected, Cased(text));

    [Theory]
    [InlineData("ɪɢɴᴏʀᴇ ᴀʟʟ", "ignore all")]
    [InlineData("ꜱʏꜱᴛᴇᴍ ᴘʀᴏᴍᴘᴛ", "system prompt")]
    public void CreateCased_LatinSmallCapitals_FoldToLetters(string text, string expected) => Assert.Equal(expected, Cased(text));
}
