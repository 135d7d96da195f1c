using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Guardrail.Pii;

/// <summary>Finds payment card numbers: 13–19 digits, plain or in groups (space, dash or dot), with a known brand and a valid Luhn digit.</summary>
internal static partial class PaymentCards
{
    // One digit at a time with an optional separator keeps the pattern linear; grouping is checked in code. A
    // comma before the number only rules it out after a digit (1,234): folded Chinese text has "，" as ','.
    [GeneratedRegex(@"(?<![0-9+\-./])(?<![0-9][ \-.,])[0-9](?:[ \-.]?[0-9]){12,18}(?![0-9]|[.,/\-][0-9])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Candidate();

    public static void Find(string text, int startAt, ref List<PiiMatch>? sink)
    {
        Span<char> digits = stackalloc char[19];
        foreach (var m in Candidate().EnumerateMatches(text, startAt))
        {
            var raw = text.AsSpan(m.Index, m.Length);
            if (!Compact(raw, digits, out var n)) continue;
            // Dotted groups glued to a letter are a version ("v4111.1111.1111.1111"), not a card.
            if (raw.Contains('.') && m.Index > 0 && char.IsLetter(text[m.Index - 1])) continue;
            var number = digits[..n];
            var brand = CardBrands.Identify(number);
            if (brand is null || !Luhn.IsValid(number)) continue;
            var evidence = new JsonObject
            {
                ["brand"] = brand,
                ["validator"] = "luhn",
                ["length"] = n,
                ["last4"] = number[^4..].ToString(),
            };
            PiiMatch.Add(ref sink, new PiiMatch(PiiKinds.CreditCard, m.Index, m.Index + m.Length, 1.0,
                PiiPriority.CreditCard, $"Payment card number ({brand}) passing the Luhn check.", evidence));
        }
    }

    /// <summary>
    /// Copies the digits out and accepts only card-like grouping: no separators, or one separator kind
    /// between groups of 3–6 digits starting with a group of four (4-4-4-4, 4-6-5, 4-4-4-4-3).
    /// </summary>
    private static bool Compact(ReadOnlySpan<char> raw, Span<char> digits, out int n)
    {
        n = 0;
        var separator = '\0';
        var group = 0;
        var firstGroup = -1;
        foreach (var c in raw)
        {
            if (c is >= '0' and <= '9')
            {
                digits[n++] = c;
                group++;
                continue;
            }
            if (separator != '\0' && c != separator) return false;
            separator = c;
            if (group is < 3 or > 6) return false;
            if (firstGroup < 0) firstGroup = group;
            group = 0;
        }
        if (separator == '\0') return true;
        return firstGroup == 4 && group is >= 1 and <= 6;
    }
}
