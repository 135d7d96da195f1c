using System.Globalization;
using System.Text.RegularExpressions;

namespace Guardrail.Grounding.Contradiction;

/// <summary>
/// Reads the quantities a text states (dates, years, amounts with units, money, shares, counts), normalised so that
/// "May 27, 1937" = "27 May 1937" = "1937-05-27" = "1937年5月27日", "1,280 metres" = "1280 m" = "1.28 km" and "20 mg" ≠
/// "200 mg". English and Chinese, digits only (numbers written in words are left to the term overlap).
/// </summary>
public static partial class QuantityReader
{
    private const string Months = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

    // Dates first: their digits must not be read again as counts or years.
    [GeneratedRegex(@"\b(?<month>" + Months + @")\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>\d{4})\b|\b(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<month>" + Months + @")\.?,?\s+(?<year>\d{4})\b|\b(?<month>" + Months + @")\.?,?\s+(?<year>\d{4})\b|(?<!\d)(?<year>\d{4})-(?<mnum>\d{1,2})-(?<day>\d{1,2})(?!\d)|(?<year>\d{4})\s*年\s*(?<mnum>\d{1,2})\s*月(?:\s*(?<day>\d{1,2})\s*[日号])?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 100)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"(?<cur>[$€£¥])?\s?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?<mult>thousand|million|billion|trillion|bn|万|亿|千))?(?:\s?(?<unit>%|percent|per\s?cent|mg|milligrams?|mcg|µg|micrograms?|kg|kilograms?|g|grams?|ml|millilit(?:re|er)s?|l|lit(?:re|er)s?|km|kilomet(?:re|er)s?|cm|centimet(?:re|er)s?|mm|millimet(?:re|er)s?|m|met(?:re|er)s?|miles?|ft|feet|foot|dollars?|euros?|pounds?|yuan|毫克|微克|千克|公斤|克|毫升|升|公里|千米|厘米|毫米|米|英里|美元|欧元|英镑|元|块)(?![A-Za-z]))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 100)]
    private static partial Regex AmountPattern();

    /// <summary>The quantities of <paramref name="text"/> between <paramref name="start"/> and <paramref name="end"/>, in order; empty when the text is too hard to read in time.</summary>
    public static List<Quantity> Read(string text, int start = 0, int? end = null)
    {
        var stop = Math.Min(end ?? text.Length, text.Length);
        var found = new List<Quantity>();
        if (start >= stop) return found;
        try
        {
            var taken = new List<(int Start, int End)>();
            foreach (Match m in DatePattern().Matches(text[..stop], start))
            {
                if (ReadDate(m) is { } value)
                {
                    found.Add(new Quantity(QuantityKind.Date, value, m.Index, m.Index + m.Length));
                    taken.Add((m.Index, m.Index + m.Length));
                }
            }
            foreach (Match m in AmountPattern().Matches(text[..stop], start))
            {
                var num = m.Groups["num"];
                if (taken.Any(t => num.Index < t.End && num.Index + num.Length > t.Start)) continue;
                // Part of a word or a longer token ("A380", "v2", "COVID-19", "3rd"): not a stated quantity.
                // A dash between digits is a range ("5-10 mg"), not part of a name.
                var before = num.Index > 0 ? text[num.Index - 1] : ' ';
                var dashInRange = before == '-' && num.Index > 1 && char.IsDigit(text[num.Index - 2]);
                if (char.IsAsciiLetter(before) || (before is '-' && !dashInRange) || before is '_' or '.' or '/' or ':') continue;
                var after = num.Index + num.Length;
                var next = after < stop ? text[after] : ' ';
                var rangeNext = next == '-' && after + 1 < stop && char.IsDigit(text[after + 1]);
                if (!m.Groups["unit"].Success && !m.Groups["mult"].Success && (char.IsAsciiLetter(next) || (next is '-' && !rangeNext) || next is '_' or '/' or ':')) continue;
                if (ReadAmount(m) is { } q) found.Add(q with { Start = m.Groups["cur"].Success ? m.Groups["cur"].Index : num.Index, End = m.Index + m.Length });
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return Ranges(text, found);
    }

    // "1903–1911", "5-10 mg", "5 to 10 mg", "between 20% and 30%", "12至18日": two quantities of one family joined by a
    // range word become one quantity with a low and a high end (a bare first number takes the second's unit).
    private static List<Quantity> Ranges(string text, List<Quantity> found)
    {
        if (found.Count < 2) return found;
        var merged = new List<Quantity>(found.Count);
        for (var i = 0; i < found.Count; i++)
        {
            if (i + 1 < found.Count && Joined(text, found[i], found[i + 1]) is { } range)
            {
                merged.Add(range);
                i++;
                continue;
            }
            merged.Add(found[i]);
        }
        return merged;
    }

    private static Quantity? Joined(string text, Quantity a, Quantity b)
    {
        var between = text[a.End..b.Start].Trim().ToLowerInvariant();
        var joiner = between is "–" or "-" or "—" or "to" or "至" or "到" or "~" or "～" or "－";
        var and = between == "and" && a.Start >= 8 && text[..a.Start].TrimEnd().EndsWith("between", StringComparison.OrdinalIgnoreCase);
        if (!joiner && !and) return null;
        // "5-10 mg": the first number carries no unit of its own; it is read in the second's.
        decimal low;
        if (a.Kind == b.Kind) low = a.Value;
        else if (a.Kind == QuantityKind.Number) low = a.Value * Scale(text, a, b);
        else return null;
        if (low > b.Value) return null;
        return new Quantity(b.Kind, low, a.Start, b.End) { High = b.Value };
    }

    // The factor of the second quantity's unit, for a bare first number: "5-10 mg" is 0.005 to 0.010 g.
    private static decimal Scale(string text, Quantity bare, Quantity withUnit)
    {
        var digits = AmountPattern().Match(text, withUnit.Start);
        if (!digits.Success || !decimal.TryParse(digits.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var raw) || raw == 0) return 1;
        return withUnit.Value / raw;
    }

    private static decimal? ReadDate(Match m)
    {
        if (!int.TryParse(m.Groups["year"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return null;
        int month;
        if (m.Groups["mnum"].Success) month = int.Parse(m.Groups["mnum"].Value, CultureInfo.InvariantCulture);
        else month = MonthOf(m.Groups["month"].Value);
        var day = m.Groups["day"].Success ? int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture) : 0;
        if (month is < 1 or > 12 || day is < 0 or > 31) return null;
        return year * 10000m + month * 100 + day;
    }

    private static int MonthOf(string name)
    {
        var n = name.ToLowerInvariant();
        string[] months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        return Array.FindIndex(months, n.StartsWith) + 1;
    }

    private static Quantity? ReadAmount(Match m)
    {
        var raw = m.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return null;
        var mult = m.Groups["mult"].Value.ToLowerInvariant();
        value *= mult switch
        {
            "thousand" or "千" => 1_000m,
            "million" => 1_000_000m,
            "billion" or "bn" => 1_000_000_000m,
            "trillion" => 1_000_000_000_000m,
            "万" => 10_000m,
            "亿" => 100_000_000m,
            _ => 1m,
        };
        var unit = m.Groups["unit"].Value.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        var currency = m.Groups["cur"].Success;
        var (kind, factor) = unit switch
        {
            "%" or "percent" => (QuantityKind.Percent, 1m),
            "mg" or "milligram" or "milligrams" or "毫克" => (QuantityKind.Mass, 0.001m),
            "mcg" or "µg" or "microgram" or "micrograms" or "微克" => (QuantityKind.Mass, 0.000001m),
            "kg" or "kilogram" or "kilograms" or "千克" or "公斤" => (QuantityKind.Mass, 1000m),
            "g" or "gram" or "grams" or "克" => (QuantityKind.Mass, 1m),
            "ml" or "毫升" => (QuantityKind.Volume, 0.001m),
            "l" or "升" => (QuantityKind.Volume, 1m),
            "km" or "公里" or "千米" => (QuantityKind.Length, 1000m),
            "cm" or "厘米" => (QuantityKind.Length, 0.01m),
            "mm" or "毫米" => (QuantityKind.Length, 0.001m),
            "m" or "米" => (QuantityKind.Length, 1m),
            "mile" or "miles" or "英里" => (QuantityKind.Length, 1609.344m),
            "ft" or "feet" or "foot" => (QuantityKind.Length, 0.3048m),
            "dollar" or "dollars" or "euro" or "euros" or "pound" or "pounds" or "yuan" or "美元" or "欧元" or "英镑" or "元" or "块" => (QuantityKind.Money, 1m),
            _ when unit.StartsWith("millilit", StringComparison.Ordinal) => (QuantityKind.Volume, 0.001m),
            _ when unit.StartsWith("lit", StringComparison.Ordinal) => (QuantityKind.Volume, 1m),
            _ when unit.StartsWith("kilomet", StringComparison.Ordinal) => (QuantityKind.Length, 1000m),
            _ when unit.StartsWith("centimet", StringComparison.Ordinal) => (QuantityKind.Length, 0.01m),
            _ when unit.StartsWith("millimet", StringComparison.Ordinal) => (QuantityKind.Length, 0.001m),
            _ when unit.StartsWith("met", StringComparison.Ordinal) => (QuantityKind.Length, 1m),
            _ when currency => (QuantityKind.Money, 1m),
            // A bare four-digit number from 1000 to 2199 with no unit is read as a year; every other bare number is a count.
            _ when mult.Length == 0 && raw.Length == 4 && !raw.Contains('.', StringComparison.Ordinal) && value is >= 1000 and <= 2199 => (QuantityKind.Year, 1m),
            _ => (QuantityKind.Number, 1m),
        };
        return new Quantity(kind, value * factor, m.Index, m.Index + m.Length);
    }
}
