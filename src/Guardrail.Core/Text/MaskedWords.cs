using System.Buffers;

namespace Guardrail.Text;

/// <summary>
/// Restores profanity written with mask characters ("f*ck", "n****r") from the table in
/// <c>Data/masked-words.txt</c>. Only listed words are restored, each by its own shape rule.
/// </summary>
internal static class MaskedWords
{
    private static readonly (string Word, string[] Shapes)[] Table = Deobfuscation.ReadTable("masked-words.txt")
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(parts => (parts[0], parts[1..]))
        .ToArray();

    private static readonly SearchValues<char> Masks = SearchValues.Create("*#@%");

    /// <summary>Characters that stand in for hidden letters.</summary>
    public static bool IsMask(char c) => c is '*' or '#' or '@' or '%';

    /// <summary>
    /// The listed word that <paramref name="token"/> masks, or null. <paramref name="allowShapes"/> enables
    /// the table's masked-last-letter shapes, which must not fire on markdown such as "**a**".
    /// </summary>
    public static string? Match(ReadOnlySpan<char> token, bool allowShapes)
    {
        if (token.Length < 3 || !token.ContainsAny(Masks)) return null;
        foreach (var (word, shapes) in Table)
        {
            if (word.Length != token.Length) continue;
            if (FitsWord(token, word)) return word;
            if (!allowShapes) continue;
            foreach (var shape in shapes)
            {
                if (FitsShape(token, shape)) return word;
            }
        }
        return null;
    }

    // Same length, first and last letter shown, every shown letter in place, the rest masks.
    private static bool FitsWord(ReadOnlySpan<char> token, string word)
    {
        if (token[0] != word[0] || token[^1] != word[^1]) return false;
        for (var i = 1; i < token.Length - 1; i++)
        {
            if (token[i] != word[i] && !IsMask(token[i])) return false;
        }
        return true;
    }

    private static bool FitsShape(ReadOnlySpan<char> token, string shape)
    {
        if (token.Length != shape.Length) return false;
        for (var i = 0; i < token.Length; i++)
        {
            if (shape[i] == '*' ? !IsMask(token[i]) : token[i] != shape[i]) return false;
        }
        return true;
    }
}
