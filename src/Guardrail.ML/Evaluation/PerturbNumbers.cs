using System.Globalization;
using System.Text.RegularExpressions;

namespace Guardrail.ML.Evaluation;

/// <summary>The number and year swaps of <see cref="PerturbedCases"/>.</summary>
internal static partial class PerturbNumbers
{
    /// <summary>A number written in digits, with its value and the source sentence it stands in.</summary>
    internal sealed record Token(int Index, string Text, decimal Value, int Sentence)
    {
        /// <summary>Four plain digits from 1000 to 2100 read as a year (the date swap's, not the number swap's).</summary>
        public bool IsYear => Text.Length == 4 && Text.All(char.IsAsciiDigit) && Value is >= 1000 and <= 2100;
    }

    // Whole numbers only: not inside a word ("19th", "COVID-19", "3D") and not one piece of a longer number ("1,2,3").
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,]|\p{L}-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\p{L}\p{N}]|[.,]\d)")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(?<=[.!?])\s+|\n")]
    private static partial Regex SentenceBreak();

    /// <summary>A claim number the source states, replaced by another number the source states (another sentence first), else changed.</summary>
    public static PerturbedText? SwapNumber(string claim, string source, ulong hash) => Swap(claim, source, hash, years: false);

    /// <summary>A claim year the source states, replaced by another year the source states (another sentence first), else shifted by 1–9.</summary>
    public static PerturbedText? SwapYear(string claim, string source, ulong hash) => Swap(claim, source, hash, years: true);

    /// <summary>The digit numbers of <paramref name="text"/> with the index of the sentence each stands in.</summary>
    public static IReadOnlyList<Token> Find(string text)
    {
        var breaks = SentenceBreak().Matches(text).Select(m => m.Index).ToList();
        return NumberPattern().Matches(text)
            .Select(m => new Token(m.Index, m.Value, decimal.Parse(m.Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), breaks.Count(b => b < m.Index)))
            .ToList();
    }

    private static PerturbedText? Swap(string claim, string source, ulong hash, bool years)
    {
        var inClaim = Find(claim);
        var inSource = Find(source).Where(t => t.IsYear == years).ToList();
        var targets = inClaim.Where(c => c.IsYear == years && inSource.Any(s => s.Value == c.Value)).ToList();
        if (targets.Count == 0) return null;
        var target = targets[(int)(hash % (ulong)targets.Count)];
        var stated = inSource.Where(s => s.Value == target.Value).ToList();
        var claimValues = inClaim.Select(c => c.Value).ToHashSet();
        // A value the claim already has would not read as a change of this term.
        var others = inSource.Where(s => !claimValues.Contains(s.Value)).DistinctBy(s => s.Value).ToList();
        // Only a year within 50 of the claim's reads as the same event misdated; a farther one is more often a page or
        // catalogue number read as a year ("1102" for 2006), so the year is shifted instead.
        if (years) others = others.Where(s => Math.Abs(s.Value - target.Value) <= 50).ToList();
        var elsewhere = others.Where(s => stated.All(t => t.Sentence != s.Sentence)).ToList();
        var pool = elsewhere.Count > 0 ? elsewhere : others;
        var replacement = pool.Count > 0 ? pool[(int)((hash >> 16) % (ulong)pool.Count)].Text
            : years ? Shifted(target, claimValues, hash) : Changed(target, claimValues, hash);
        var text = claim[..target.Index] + replacement + claim[(target.Index + target.Text.Length)..];
        return new PerturbedText(text, replacement, stated[0].Text);
    }

    // Doubling changes every non-zero value and keeps its written form (decimals, thousands separators).
    private static string Changed(Token target, HashSet<decimal> taken, ulong hash)
    {
        var decimals = target.Text.Contains('.', StringComparison.Ordinal) ? target.Text.Length - target.Text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var value = target.Value == 0 ? 1 + (decimal)((hash >> 32) % 9) : target.Value * 2;
        for (var factor = 3; taken.Contains(value); factor++) value = target.Value == 0 ? value + 1 : target.Value * factor;
        var format = (target.Text.Contains(',', StringComparison.Ordinal) ? "N" : "F") + decimals.ToString(CultureInfo.InvariantCulture);
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string Shifted(Token target, HashSet<decimal> taken, ulong hash)
    {
        var year = (int)target.Value;
        for (var shift = 1 + (int)((hash >> 32) % 9); ; shift++)
        {
            var shifted = year + shift <= 2100 ? year + shift : year - shift;
            if (!taken.Contains(shifted)) return shifted.ToString(CultureInfo.InvariantCulture);
        }
    }
}
