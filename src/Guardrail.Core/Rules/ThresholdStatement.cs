using System.Globalization;
using Guardrail.Verdicts;

namespace Guardrail.Rules;

/// <summary>
/// The sentence that says which threshold a score passed, e.g. <c>Score 0.91 ≥ block threshold 0.80</c>: a classifier's
/// explanation speaks of its own scale, a reviewer needs the threshold the rule applied (a policy may override it).
/// </summary>
public static class ThresholdStatement
{
    /// <summary>The statement for a match of <paramref name="score"/> against <paramref name="threshold"/> under <paramref name="action"/>.</summary>
    public static string For(double score, double threshold, Decision action) =>
        $"Score {Score(score, threshold)} ≥ {action.ToWire()} threshold {Threshold(threshold)}";

    // Two decimals, unless rounding would show the score below the threshold it passed (0.8012 ≥ 0.8011, not 0.80).
    private static string Score(double score, double threshold) =>
        Math.Round(score, 2, MidpointRounding.AwayFromZero) >= threshold
            ? score.ToString("0.00", CultureInfo.InvariantCulture)
            : score.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Threshold(double threshold) => threshold.ToString("0.00##", CultureInfo.InvariantCulture);
}
