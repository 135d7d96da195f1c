namespace Guardrail.Text;

/// <summary>Character classes shared by the folding steps and keyword matching.</summary>
internal static class Scripts
{
    /// <summary>CJK scripts, which write words without spaces, so they match as substrings rather than whole words.</summary>
    public static bool IsCjk(char c) =>
        c is >= '\u1100' and <= '\u11FF'   // Hangul Jamo
          or >= '\u2E80' and <= '\u9FFF'   // CJK radicals, kana, CJK unified ideographs
          or >= '\uA960' and <= '\uA97F'   // Hangul Jamo extended
          or >= '\uAC00' and <= '\uD7AF'   // Hangul syllables
          or >= '\uF900' and <= '\uFAFF'   // CJK compatibility ideographs
          or >= '\uFF66' and <= '\uFFDC';  // half-width kana and Hangul

    /// <summary>Letters and digits of scripts that separate words with spaces.</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !IsCjk(c);

    /// <summary>Whether <paramref name="text"/> holds a CJK radical or ideograph (the ranges Chinese uses).</summary>
    public static bool HasHan(ReadOnlySpan<char> text) => text.IndexOfAnyInRange('\u2E80', '\u9FFF') >= 0;
}
