namespace Guardrail.ML.Features;

/// <summary>A token of prepared text: a run of letters/digits of one script class.</summary>
internal readonly record struct Token(int Start, int Length, bool Cjk);

/// <summary>Splits prepared text into tokens without allocating.</summary>
internal static class Tokenizer
{
    /// <summary>Writes up to tokens.Length tokens and returns how many.</summary>
    public static int Split(ReadOnlySpan<char> text, Span<Token> tokens)
    {
        var n = 0;
        var i = 0;
        while (i < text.Length && n < tokens.Length)
        {
            var c = text[i];
            if (!IsWordChar(c)) { i++; continue; }
            var cjk = IsCjk(c);
            var start = i;
            if (!cjk)
            {
                // Most text is ASCII: letters and digits run on without the general checks.
                while (i < text.Length && text[i] is >= 'a' and <= 'z' or >= '0' and <= '9' or >= 'A' and <= 'Z') i++;
            }
            // Apostrophes stay inside English words ("don't") so contractions stay one feature.
            while (i < text.Length && (IsWordChar(text[i]) && IsCjk(text[i]) == cjk || (!cjk && text[i] == '\'' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                i++;
            }
            tokens[n++] = new Token(start, i - start, cjk);
        }
        return n;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(char c) => c < 0x80 ? (c is >= 'a' and <= 'z' or >= '0' and <= '9' or >= 'A' and <= 'Z') : char.IsLetterOrDigit(c);

    // CJK ideographs, kana and Hangul: no spaces between words, so they are featurised by characters.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsCjk(char c) => c is >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u4dbf' or >= '\u4e00' and <= '\u9fff' or >= '\uac00' and <= '\ud7af' or >= '\uf900' and <= '\ufaff';
}
