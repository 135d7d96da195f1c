using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Guardrail.Pii;

/// <summary>Finds and validates 18-character Chinese resident identity card numbers (GB 11643, ISO 7064 MOD 11-2).</summary>
public static partial class ChineseId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Candidate();

    /// <summary>True when <paramref name="id"/> is 18 characters with a real, past birth date and a valid MOD 11-2 check character.</summary>
    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.Length != 18) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = id[i] - '0';
            if ((uint)d > 9) return false;
            sum += d * Weights[i];
        }
        var check = char.ToUpperInvariant(id[17]);
        return check == CheckChars[sum % 11] && HasPlausibleBirthDate(id);
    }

    private static bool HasPlausibleBirthDate(ReadOnlySpan<char> id)
    {
        if (!int.TryParse(id.Slice(6, 4), out var y) || !int.TryParse(id.Slice(10, 2), out var m) ||
            !int.TryParse(id.Slice(12, 2), out var d))
        {
            return false;
        }
        if (y < 1880 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        return new DateOnly(y, m, d) <= DateOnly.FromDateTime(DateTime.UtcNow);
    }

    internal static void Find(string text, int startAt, ref List<PiiMatch>? sink)
    {
        foreach (var m in Candidate().EnumerateMatches(text, startAt))
        {
            if (!IsValid(text.AsSpan(m.Index, m.Length))) continue;
            var evidence = new JsonObject { ["validator"] = "iso7064-mod11-2" };
            PiiMatch.Add(ref sink, new PiiMatch(PiiKinds.ChineseId, m.Index, m.Index + m.Length, 1.0, PiiPriority.ChineseId,
                "Chinese resident identity card number with a valid birth date and MOD 11-2 check character.", evidence));
        }
    }
}
