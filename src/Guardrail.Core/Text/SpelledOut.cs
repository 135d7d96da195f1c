namespace Guardrail.Text;

/// <summary>
/// Finds words spelled out with a separator between the letters ("i d i o t", "i.d.i.o.t", "1-d-1-0-t"):
/// three or more single letters or leetspeak digits joined by one repeated separator character.
/// </summary>
internal static class SpelledOut
{
    /// <summary>Whether <paramref name="c"/> separates the letters of a spelled-out word.</summary>
    public static bool IsSeparator(char c) => c is ' ' or '.' or '-' or '_' or '*' or '/' or '|';

    /// <summary>
    /// The end (exclusive) of the spelled-out word starting at <paramref name="at"/>, or -1. Requires at least
    /// two real letters so numbers ("1 3 5", "1.3.5") stay, and for separators other than a space the
    /// chain must be the whole token so versions, domains and paths ("v1.2.3", "x.y.z.com") stay.
    /// </summary>
    public static int Match(string folded, int at)
    {
        // The separator test comes first: it is the cheapest and rejects almost every position.
        if (at + 4 >= folded.Length || !IsSeparator(folded[at + 1]) || !IsPiece(folded[at])) return -1;
        var sep = folded[at + 1];
        if (at > 0 && char.IsLetterOrDigit(folded[at - 1])) return -1;
        if (sep != ' ' && at > 1 && folded[at - 1] == sep && char.IsLetterOrDigit(folded[at - 2])) return -1;
        var last = at;
        var pieces = 1;
        var letters = char.IsLetter(folded[at]) ? 1 : 0;
        while (last + 2 < folded.Length && folded[last + 1] == sep && IsPiece(folded[last + 2]) &&
               (last + 3 == folded.Length || !char.IsLetterOrDigit(folded[last + 3])))
        {
            last += 2;
            pieces++;
            if (char.IsLetter(folded[last])) letters++;
        }
        if (pieces < 3 || letters < 2) return -1;
        if (sep != ' ' && last + 2 < folded.Length && folded[last + 1] == sep && char.IsLetterOrDigit(folded[last + 2])) return -1;
        return last + 1;
    }

    /// <summary>Writes the spelled-out word [<paramref name="at"/>, <paramref name="end"/>) joined, digits read as letters.</summary>
    public static void Write(string folded, int at, int end, DeobfuscationOutput output)
    {
        for (var i = at; i < end; i++)
        {
            if (i % 2 != at % 2)
            {
                output.Drop(i);
                continue;
            }
            var c = folded[i];
            if (char.IsAsciiDigit(c)) output.Emit(Leetspeak.Letter(c), i, i + 1);
            else output.Keep(i);
        }
    }

    private static bool IsPiece(char c) => (char.IsLetter(c) && !Scripts.IsCjk(c)) || Leetspeak.IsLeetDigit(c);
}
