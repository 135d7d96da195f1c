namespace Guardrail.Text;

/// <summary>
/// Chinese homophones and pinyin abbreviations used to dodge filters ("sb", "草泥马"), from the table in
/// <c>Data/chinese-slang.txt</c>.
/// </summary>
internal static class ChineseSlang
{
    /// <summary>How far (in characters) Chinese text may be from a Latin abbreviation for it to count as Chinese slang.</summary>
    public const int ContextWindow = 24;

    private static readonly (string Key, string Meaning)[] Entries = Deobfuscation.ReadTable("chinese-slang.txt")
        .Select(line => line.Split('=', 2, StringSplitOptions.TrimEntries))
        .Select(parts => (parts[0].ToLowerInvariant(), parts[1]))
        .ToArray();

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Latin = Entries
        .Where(e => !Scripts.IsCjk(e.Key[0]))
        .ToDictionary(e => e.Key, e => e.Meaning, StringComparer.Ordinal)
        .GetAlternateLookup<ReadOnlySpan<char>>();

    // Chinese forms by first character, longest first so 草泥马 wins over a shorter entry at the same place.
    private static readonly Dictionary<char, (string Key, string Meaning)[]> Cjk = Entries
        .Where(e => Scripts.IsCjk(e.Key[0]))
        .GroupBy(e => e.Key[0])
        .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Key.Length).ToArray());

    /// <summary>The meaning of a whole Latin token (already lower case), or null.</summary>
    public static string? MatchLatin(ReadOnlySpan<char> token) =>
        token.Length is >= 2 and <= 8 && Latin.TryGetValue(token, out var meaning) ? meaning : null;

    /// <summary>
    /// The entry written at <paramref name="at"/> in <paramref name="folded"/>, which starts with a CJK character.
    /// A form ending in a Latin letter ("傻b") must not run on into a longer Latin word.
    /// </summary>
    public static (string Key, string Meaning)? MatchCjk(string folded, int at)
    {
        if (!Cjk.TryGetValue(folded[at], out var candidates)) return null;
        var rest = folded.AsSpan(at);
        foreach (var entry in candidates)
        {
            if (!rest.StartsWith(entry.Key, StringComparison.Ordinal)) continue;
            var end = at + entry.Key.Length;
            if (Scripts.IsWordChar(entry.Key[^1]) && end < folded.Length && Scripts.IsWordChar(folded[end])) continue;
            return entry;
        }
        return null;
    }
}
