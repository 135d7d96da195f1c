using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Guardrail.Pii;

/// <summary>Finds US social security numbers written ddd-dd-dddd, ddd dd dddd or ddd.dd.dddd, within the ranges the SSA issues.</summary>
internal static partial class Ssn
{
    // Separators are required: a bare nine-digit number is far more often an id or amount than an SSN.
    [GeneratedRegex(@"(?<![0-9\-.])(?<![0-9][ \-])[0-9]{3}([\- .])[0-9]{2}\1[0-9]{4}(?![0-9]|[\-.][0-9])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Candidate();

    public static void Find(string text, int startAt, ref List<PiiMatch>? sink)
    {
        foreach (var m in Candidate().EnumerateMatches(text, startAt))
        {
            var s = text.AsSpan(m.Index, m.Length);
            if (!IsIssuable(s)) continue;
            var evidence = new JsonObject { ["separator"] = s[3] switch { ' ' => "space", '.' => "dot", _ => "dash" } };
            PiiMatch.Add(ref sink, new PiiMatch(PiiKinds.Ssn, m.Index, m.Index + m.Length, 0.9, PiiPriority.Ssn,
                "US social security number.", evidence));
        }
    }

    /// <summary>True when area, group and serial of a matched ddd?dd?dddd are in issuable ranges.</summary>
    internal static bool IsIssuable(ReadOnlySpan<char> s)
    {
        var area = int.Parse(s[..3]);
        var group = int.Parse(s.Slice(4, 2));
        var serial = int.Parse(s.Slice(7, 4));
        return area is not (0 or 666) && area < 900 && group != 0 && serial != 0;
    }
}
