using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Guardrail.Pii;

/// <summary>Finds and validates international bank account numbers (ISO 13616, ISO 7064 mod-97).</summary>
public static partial class Iban
{
    // Compact form, or the printed form with a space every four characters.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![A-Za-z0-9])",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Candidate();

    /// <summary>True when <paramref name="iban"/> (spaces allowed) has its country's length and a mod-97 remainder of 1.</summary>
    public static bool IsValid(ReadOnlySpan<char> iban)
    {
        Span<char> compact = stackalloc char[34];
        var n = 0;
        foreach (var c in iban)
        {
            if (c == ' ') continue;
            if (n == compact.Length) return false;
            compact[n++] = c;
        }
        return n >= 4 && IbanCountries.LengthOf(compact[..2]) == n && Mod97(compact[..n]) == 1;
    }

    /// <summary>The ISO 7064 mod-97-10 remainder of an IBAN after moving its first four characters to the end.</summary>
    internal static int Mod97(ReadOnlySpan<char> compact)
    {
        var r = 0;
        for (var k = 0; k < compact.Length; k++)
        {
            var c = compact[(k + 4) % compact.Length];
            if (c is >= '0' and <= '9') r = (r * 10 + (c - '0')) % 97;
            else if (c is >= 'A' and <= 'Z') r = (r * 100 + (c - 'A' + 10)) % 97;
            else return -1;
        }
        return r;
    }

    internal static void Find(string text, ref List<PiiMatch>? sink)
    {
        foreach (var m in Candidate().EnumerateMatches(text))
        {
            var raw = text.AsSpan(m.Index, m.Length);
            var expected = IbanCountries.LengthOf(raw[..2]);
            if (expected == 0) continue;
            // A trailing capitalised word can be read as one more group; cut at the country's length.
            var end = CutAt(raw, expected);
            if (end < 0 || !IsValid(raw[..end])) continue;
            var evidence = new JsonObject { ["country"] = raw[..2].ToString(), ["validator"] = "mod97", ["length"] = expected };
            PiiMatch.Add(ref sink, new PiiMatch(PiiKinds.Iban, m.Index, m.Index + end, 1.0, PiiPriority.Iban,
                $"International bank account number ({raw[..2]}) passing the mod-97 check.", evidence));
        }
    }

    /// <summary>Length of the raw prefix holding exactly <paramref name="count"/> characters, if it ends on a group boundary.</summary>
    private static int CutAt(ReadOnlySpan<char> raw, int count)
    {
        var seen = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == ' ') continue;
            if (++seen == count)
            {
                return i + 1 == raw.Length || raw[i + 1] == ' ' ? i + 1 : -1;
            }
        }
        return -1;
    }
}
