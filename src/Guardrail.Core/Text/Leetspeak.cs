namespace Guardrail.Text;

/// <summary>
/// Reads digits and symbols standing in for letters ("1d10t", "h4te", "$hit", "sh!t") inside one token
/// that has letters. Numbers, ordinals, units and model names ("2026", "1st", "4k", "mp3") stay as written.
/// </summary>
internal static class Leetspeak
{
    /// <summary>The letter a digit or symbol stands for, or '\0'.</summary>
    public static char Letter(char c) => c switch
    {
        '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '8' => 'b',
        '@' => 'a', '$' => 's', '!' => 'i', '|' => 'l',
        _ => '\0',
    };

    /// <summary>Whether <paramref name="c"/> is a digit that leetspeak uses for a letter.</summary>
    public static bool IsLeetDigit(char c) => c is '0' or '1' or '3' or '4' or '5' or '7' or '8';

    /// <summary>
    /// Writes token [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="folded"/> with its
    /// stand-ins read as letters.
    /// </summary>
    public static void Write(string folded, int start, int end, DeobfuscationOutput output, bool collapse)
    {
        var token = folded.AsSpan(start, end - start);
        var digits = DigitsAreLetters(token);
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            var letter = c switch
            {
                >= '0' and <= '9' => digits ? Letter(c) : '\0',
                // Inside a word only: "b@d" and "sh!t", not "@name" or "wow!".
                '@' or '!' or '|' => i > 0 && i < token.Length - 1 && IsLetterLike(token[i - 1], digits) && IsLetterLike(token[i + 1], digits) ? Letter(c) : '\0',
                // "$hit" and "a$$", but never a price ("us$5").
                '$' => (i + 1 == token.Length || !char.IsAsciiDigit(token[i + 1])) &&
                       ((i > 0 && !char.IsAsciiDigit(token[i - 1])) || (i + 1 < token.Length && (char.IsLetter(token[i + 1]) || token[i + 1] == '$'))) ? 's' : '\0',
                _ => '\0',
            };
            if (letter == '\0') output.Keep(start + i, collapse);
            else output.Emit(letter, start + i, start + i + 1, collapse);
        }
    }

    private static bool IsLetterLike(char c, bool digits) => char.IsLetter(c) || c is '$' or '@' || (digits && IsLeetDigit(c));

    // Digits are read as letters only where a word would not carry digits: between its letters ("1d10t",
    // "h4te"), or one digit before three or more letters ("5hit"). Digits only at the end are names and
    // versions ("mp3", "gpt4"); a short tail after digits is a unit or ordinal ("4k", "1st", "10th").
    private static bool DigitsAreLetters(ReadOnlySpan<char> token)
    {
        int firstLetter = -1, lastLetter = -1, digits = 0, inner = 0, before = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (char.IsLetter(c))
            {
                if (firstLetter < 0) firstLetter = i;
                lastLetter = i;
            }
            else if (char.IsAsciiDigit(c))
            {
                if (!IsLeetDigit(c)) return false; // 2, 6 and 9 mark a technical token ("x86", "sha256")
                digits++;
                if (firstLetter < 0) before++;
            }
        }
        if (digits == 0 || firstLetter < 0) return false;
        for (var i = firstLetter + 1; i < lastLetter; i++)
        {
            if (char.IsAsciiDigit(token[i])) inner++;
        }
        // Numeronyms ("i18n", "l10n", "a11y") are a letter, two or more digits, a letter.
        if (inner >= 2 && inner == lastLetter - firstLetter - 1 && firstLetter == 0 && lastLetter == token.Length - 1) return false;
        if (inner > 0) return true;
        var after = digits - before;
        if (before > 0 && after > 0) return true;
        return before == 1 && after == 0 && lastLetter - firstLetter >= 2 && token.Length - firstLetter >= 3;
    }
}
