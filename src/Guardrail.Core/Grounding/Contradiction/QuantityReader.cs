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

    [GeneratedRegex(@"(?<cur>[$€£¥])?\s?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?<mult>thousand|million|billion|trillion|bn|万亿|万|亿|千))?(?:\s?(?<unit>%|percent|per\s?cent|mg|milligrams?|mcg|µg|micrograms?|kg|kilograms?|g|grams?|ml|millilit(?:re|er)s?|l|lit(?:re|er)s?|km|kilomet(?:re|er)s?|cm|centimet(?:re|er)s?|mm|millimet(?:re|er)s?|m|met(?:re|er)s?|miles?|ft|feet|foot|dollars?|euros?|pounds?|yuan|毫克|微克|千克|公斤|克|毫升|升|公里|千米|厘米|毫米|米|英里|美元|欧元|英镑|元|块)(?![A-Za-z]))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 100)]
    private static partial Regex AmountPattern();

    /// <summary>The quantities of <paramref name="text"/> between <paramref name="start"/> and <paramref name="end"/>, in order; empty when the text is too hard to read in time.</summary>
    public static List<Quantity> Read(string text, int start = 0, int? end = null)
    {
        var stop = Math.Min(end ?? text.Length, text.Length);
        var found = new List<Quantity>();
        if (start >= stop) return found;
        // Most sentences state no number: the digit scans are skipped for them (the patterns cost more than the check).
        var digits = text.AsSpan(start, stop - start).IndexOfAnyInRange('0', '9') >= 0;
        try
        {
            var taken = new List<(int Start, int End)>();
            foreach (Match m in digits ? DatePattern().Matches(text[..stop], start) : Enumerable.Empty<Match>())
            {
                if (ReadDate(m) is { } value)
                {
                    found.Add(new Quantity(QuantityKind.Date, value, m.Index, m.Index + m.Length));
                    taken.Add((m.Index, m.Index + m.Length));
                }
            }
            foreach (Match m in digits ? AmountPattern().Matches(text[..stop], start) : Enumerable.Empty<Match>())
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
                if (ReadAmount(m) is not { } q) continue;
                // "2000名志愿者": a four-digit figure before a Chinese counting word counts something; it is no year.
                if (q.Kind == QuantityKind.Year && next != '年' && IsChineseCounter(text, after)) q = q with { Kind = QuantityKind.Number };
                found.Add(q with { Start = m.Groups["cur"].Success ? m.Groups["cur"].Index : num.Index, End = m.Index + m.Length });
            }
            foreach (var q in Spelled(text, start, stop))
            {
                if (!found.Any(f => q.Start < f.End && q.End > f.Start)) found.Add(q);
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

    // "twelve kilometres", "forty-two", "three hundred", "两千米", "三十五名", "百分之二十": numbers written in words, read
    // where they are unambiguous (English from two up, since "one" is mostly a pronoun; Chinese numerals only before a
    // unit or a counting word, since 一 and 十 are everywhere in ordinary words).
    private static IEnumerable<Quantity> Spelled(string text, int start, int stop)
    {
        var span = text[..stop];
        foreach (Match m in WordNumberPattern().Matches(span, start))
        {
            var value = EnglishValue(m.Groups["words"].Value + " " + m.Groups["scale"].Value);
            if (value is null) continue;
            var (kind, factor) = Classify(value.Value, "", "", m.Groups["unit"].Value, currency: false);
            yield return new Quantity(kind, value.Value * factor, m.Index, m.Index + m.Length);
        }
        foreach (var (m, value) in ChineseMatches(span, start))
        {
            if (m.Groups["pct"].Success)
            {
                yield return new Quantity(QuantityKind.Percent, value, m.Index, m.Index + m.Length);
                continue;
            }
            var (kind, factor) = Classify(value, "", "", m.Groups["unit"].Value, currency: false);
            yield return new Quantity(kind, value * factor, m.Index, m.Index + m.Length);
        }
    }

    private static readonly System.Buffers.SearchValues<char> ChineseNumeralChars = System.Buffers.SearchValues.Create("零一二两三四五六七八九十百千万亿");

    private static bool IsChineseCounter(string text, int at)
    {
        while (at < text.Length && text[at] == ' ') at++;
        return at < text.Length && Lexicon.IsHan(text[at]) && ChineseCounterPattern().IsMatch(text.AsSpan(at, Math.Min(4, text.Length - at)));
    }

    [GeneratedRegex("^(?:" + ChineseCounters + ")", RegexOptions.CultureInvariant, 100)]
    private static partial Regex ChineseCounterPattern();

    private const string Units = @"%|percent|per\s?cent|mg|milligrams?|kg|kilograms?|grams?|ml|millilit(?:re|er)s?|lit(?:re|er)s?|km|kilomet(?:re|er)s?|centimet(?:re|er)s?|millimet(?:re|er)s?|met(?:re|er)s?|miles?|feet|foot|dollars?|euros?|pounds?|yuan";

    [GeneratedRegex(@"\b(?<words>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:[ -](?<scale>hundred|thousand|million|billion))?\b(?:\s(?<unit>" + Units + @")\b)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 100)]
    private static partial Regex WordNumberPattern();

    // Units and counting words a Chinese numeral stands before ("二十一座", "十四级", "一万八千户"); the units first, so the
    // longest one is the one read.
    private const string ChineseCounters = "毫克|微克|千克|公斤|克|毫升|升|公里|千米|厘米|毫米|平方公里|平方米|立方米|公顷|米|英里|美元|欧元|英镑|元|块|吨|亩|摄氏度|度|个|名|人|座|次|家|位|台|辆|只|倍|岁|天|周|小时|分钟|秒|项|种|条|所|层|年|级|户|间|张|本|架|艘|头|届|场|株|件|套|枚|颗|篇|首|批|期|轮|栋|处|支|份";

    [GeneratedRegex(@"(?<pct>百分之)(?<zh>[零一二两三四五六七八九十百]{1,5}(?:点[零一二三四五六七八九]{1,4})?)|(?<zh>[零一二两三四五六七八九十百千万亿]{1,12}(?:点[零一二三四五六七八九]{1,4})?)(?=\s?(?<unit>" + ChineseCounters + "))",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 100)]
    private static partial Regex ChineseNumberPattern();

    private static readonly Dictionary<string, int> EnglishUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
        ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["one"] = 1,
        ["hundred"] = 100, ["thousand"] = 1_000, ["million"] = 1_000_000, ["billion"] = 1_000_000_000,
    };

    private static decimal? EnglishValue(string phrase)
    {
        decimal value = 0;
        foreach (var part in phrase.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!EnglishUnits.TryGetValue(part, out var n)) return null;
            value = n >= 100 ? Math.Max(value, 1) * n : value + n;
        }
        return value;
    }

    /// <summary>
    /// The Chinese numerals of <paramref name="text"/> that <see cref="Read"/> reads (before a unit or counting word, or
    /// after 百分之), as canonical digits ("五万二千" → "52000", "二十八点五" → "28.5"), so that term overlap sees "十七岁"
    /// and "17岁" state one number.
    /// </summary>
    public static IEnumerable<(string Number, int Start, int End)> ChineseNumerals(string text)
    {
        List<(Match Match, decimal Value)> matches;
        try
        {
            matches = [.. ChineseMatches(text, 0)];
        }
        catch (RegexMatchTimeoutException)
        {
            yield break;
        }
        foreach (var (m, value) in matches)
        {
            var digits = value.ToString(CultureInfo.InvariantCulture);
            if (digits.Contains('.', StringComparison.Ordinal)) digits = digits.TrimEnd('0').TrimEnd('.');
            var zh = m.Groups["zh"];
            yield return (digits, zh.Index, zh.Index + zh.Length);
        }
    }

    // The Chinese numerals from start on that stand before a unit or counting word (or after 百分之), with their values.
    private static IEnumerable<(Match Match, decimal Value)> ChineseMatches(string text, int start)
    {
        if (text.AsSpan(start).IndexOfAny(ChineseNumeralChars) < 0) yield break;
        foreach (Match m in ChineseNumberPattern().Matches(text, start))
        {
            if (ChineseValue(m.Groups["zh"].Value) is { } value) yield return (m, value);
        }
    }

    // 两千三百万 = 23,000,000; 十二 = 12; 三十五 = 35; 一百零五 = 105; 二十八点五 = 28.5.
    private static decimal? ChineseValue(string numeral)
    {
        var point = numeral.IndexOf('点');
        if (point >= 0)
        {
            if (ChineseValue(numeral[..point]) is not { } whole) return null;
            decimal fraction = 0, scale = 0.1m;
            foreach (var c in numeral.AsSpan(point + 1))
            {
                var f = "零一二三四五六七八九".IndexOf(c);
                if (f < 0) return null;
                fraction += f * scale;
                scale /= 10;
            }
            return whole + fraction;
        }
        decimal total = 0, section = 0, digit = 0;
        var any = false;
        foreach (var c in numeral)
        {
            var d = "零一二三四五六七八九".IndexOf(c);
            if (c == '两') d = 2;
            if (d >= 0)
            {
                digit = d;
                any = true;
                continue;
            }
            switch (c)
            {
                case '十': section += (digit == 0 ? 1 : digit) * 10; digit = 0; any = true; break;
                case '百': section += digit * 100; digit = 0; break;
                case '千': section += digit * 1000; digit = 0; break;
                case '万': total += (section + digit) * 10_000; section = 0; digit = 0; break;
                // 亿 scales everything before it: 一万亿 is 10^12, 三亿五千万 is 350,000,000.
                case '亿': total = (total + section + digit) * 100_000_000; section = 0; digit = 0; break;
                default: return null;
            }
        }
        var value = total + section + digit;
        return any && value > 0 ? value : null;
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
            "万亿" => 1_000_000_000_000m,
            "亿" => 100_000_000m,
            _ => 1m,
        };
        var (kind, factor) = Classify(value, raw, mult, m.Groups["unit"].Value, m.Groups["cur"].Success);
        return new Quantity(kind, value * factor, m.Index, m.Index + m.Length);
    }

    // What a number with this multiplier, unit and currency sign measures, and the factor to the kind's base unit.
    private static (QuantityKind Kind, decimal Factor) Classify(decimal value, string raw, string mult, string unitText, bool currency)
    {
        var unit = unitText.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        return unit switch
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
    }
}
