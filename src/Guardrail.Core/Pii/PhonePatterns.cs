using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Guardrail.Pii;

/// <summary>
/// Finds phone numbers that have a phone's shape: a leading <c>+</c> and country code, US area-code
/// grouping, a national trunk prefix <c>0</c> with separated groups (UK, DE, FR...), or a Chinese mobile
/// number. Plain digit runs, dates, versions and prices are not phone-shaped and are left alone.
/// </summary>
internal static partial class PhonePatterns
{
    // Each alternative is atomic so a failed trailing check cannot backtrack into a shorter, wrong match. A comma
    // before the number only rules it out after a digit (1,234): folded Chinese text has "，" as ','.
    [GeneratedRegex("""
        (?<![0-9A-Za-z_+\-./])(?<![0-9][\x20\-,])
        (?:
          (?>\+[1-9][0-9]{6,14}|\+[1-9][0-9]{0,3}(?:(?:[\x20.\-]|\x20?\(|(?<=\))\x20?)[0-9]{1,5}\)?){0,6})
        | (?>(?:1[\x20.\-])?(?:\([2-9][0-9]{2}\)\x20?[2-9][0-9]{2}[\x20.\-]|[2-9][0-9]{2}(?<s>[\x20.\-])[2-9][0-9]{2}\k<s>)[0-9]{4})
        | (?>0[1-9](?<f>[\x20.])[0-9]{2}(?:\k<f>[0-9]{2}){3})
        | (?>0[1-9][0-9]{1,4}(?:[\x20/\-][0-9]{2,8}){1,3})
        | (?>1[3-9][0-9](?:[0-9]{8}|(?<c>[\x20\-])[0-9]{4}\k<c>[0-9]{4}))
        )
        (?![0-9A-Za-z_]|[.,/\-][0-9])
        """, RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex Candidate();

    public static void Find(string text, int startAt, ref List<PiiMatch>? sink)
    {
        foreach (var m in Candidate().EnumerateMatches(text, startAt))
        {
            var span = text.AsSpan(m.Index, m.Length);
            var (format, min, max) = Classify(span);
            var digits = CountDigits(span);
            if (digits < min || digits > max) continue;
            var evidence = new JsonObject { ["format"] = format, ["digits"] = digits };
            PiiMatch.Add(ref sink, new PiiMatch(PiiKinds.Phone, m.Index, m.Index + m.Length, 0.9, PiiPriority.Phone,
                $"Phone number ({Describe(format)}).", evidence));
        }
    }

    /// <summary>Which alternative matched, read from the first characters, with its plausible digit counts.</summary>
    private static (string Format, int Min, int Max) Classify(ReadOnlySpan<char> s) => s[0] switch
    {
        '+' => ("international", 8, 15),
        '0' => ("national", 10, 12),
        '1' when s[1] is >= '0' and <= '9' => ("cn-mobile", 11, 11),
        _ => ("us", 10, 11),
    };

    private static string Describe(string format) => format switch
    {
        "international" => "international format",
        "us" => "US format",
        "cn-mobile" => "Chinese mobile",
        _ => "national format with trunk prefix",
    };

    private static int CountDigits(ReadOnlySpan<char> s)
    {
        var n = 0;
        foreach (var c in s) if (c is >= '0' and <= '9') n++;
        return n;
    }
}
