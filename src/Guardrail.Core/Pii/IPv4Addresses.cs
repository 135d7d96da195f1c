using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Guardrail.Pii;

/// <summary>Finds dotted-quad IPv4 addresses and classifies their range.</summary>
internal static partial class IPv4Addresses
{
    // Octets 0-255 without leading zeros; not glued to letters or to more dotted numbers (versions, OIDs).
    [GeneratedRegex(@"(?<![0-9A-Za-z_.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![0-9A-Za-z_]|\.[0-9])",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Candidate();

    public static void Find(string text, int startAt, bool reportPrivate, ref List<PiiMatch>? sink)
    {
        Span<int> octets = stackalloc int[4];
        foreach (var m in Candidate().EnumerateMatches(text, startAt))
        {
            Parse(text.AsSpan(m.Index, m.Length), octets);
            var range = Classify(octets);
            var isPrivate = range != "public";
            if (isPrivate && !reportPrivate) continue;
            var evidence = new JsonObject { ["private"] = isPrivate, ["range"] = range };
            PiiMatch.Add(ref sink, new PiiMatch(PiiKinds.IPv4, m.Index, m.Index + m.Length, 0.9, PiiPriority.IPv4,
                isPrivate ? $"IPv4 address ({range} range)." : "IPv4 address.", evidence));
        }
    }

    private static void Parse(ReadOnlySpan<char> s, Span<int> octets)
    {
        var k = 0;
        octets.Clear();
        foreach (var c in s)
        {
            if (c == '.') k++;
            else octets[k] = octets[k] * 10 + (c - '0');
        }
    }

    /// <summary>Names the special-purpose block (RFC 6890) an address falls in, or "public".</summary>
    internal static string Classify(ReadOnlySpan<int> o) => o switch
    {
        [10, ..] => "private",
        [172, >= 16 and <= 31, ..] => "private",
        [192, 168, ..] => "private",
        [127, ..] => "loopback",
        [169, 254, ..] => "link-local",
        [100, >= 64 and <= 127, ..] => "shared",
        [0, ..] => "unspecified",
        _ => "public",
    };
}
