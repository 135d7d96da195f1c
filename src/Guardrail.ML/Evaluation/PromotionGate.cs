using System.Globalization;
using System.Text;

namespace Guardrail.ML.Evaluation;

/// <summary>One measure the promotion gate compares: the current model's value and the candidate's.</summary>
/// <param name="Measure">What is measured (data set, model, metric, operating point).</param>
/// <param name="Current">The current model's value.</param>
/// <param name="Candidate">The candidate's value.</param>
/// <param name="LowerIsBetter">True for false-positive rates.</param>
public sealed record GateRow(string Measure, double Current, double Candidate, bool LowerIsBetter)
{
    /// <summary>True when the candidate is worse (beyond float noise).</summary>
    public bool Worse => LowerIsBetter ? Candidate > Current + Tolerance : Candidate < Current - Tolerance;

    /// <summary>Differences smaller than this are the same figure printed to three decimals.</summary>
    public const double Tolerance = 1e-9;
}

/// <summary>
/// <c>guardrail models promote</c>: a candidate replaces the current toxicity models only if it is not worse on any
/// held-out set of the model card (test splits; at the flag and the block operating point) nor on the functional suite
/// (accuracy per language). Dev rows, on which thresholds were tuned, are not compared.
/// </summary>
public static class PromotionGate
{
    /// <summary>The rows to compare, in table order.</summary>
    public static IReadOnlyList<GateRow> Compare(IReadOnlyList<EvaluationRow> current, IReadOnlyList<EvaluationRow> candidate,
        IReadOnlyDictionary<string, double> currentSuite, IReadOnlyDictionary<string, double> candidateSuite)
    {
        var rows = new List<GateRow>();
        var byKey = candidate.ToDictionary(Key);
        foreach (var c in current.Where(IsHeldOut))
        {
            if (!byKey.TryGetValue(Key(c), out var n)) continue;
            var lower = c.Metric.Contains("false-positive", StringComparison.Ordinal);
            rows.Add(new GateRow($"{c.Data}, {c.Model}, {c.Metric} @flag", c.Ours, n.Ours, lower));
            if (c.AtBlock is { } cb && n.AtBlock is { } nb) rows.Add(new GateRow($"{c.Data}, {c.Model}, {c.Metric} @block", cb, nb, lower));
        }
        foreach (var (language, accuracy) in currentSuite.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (candidateSuite.TryGetValue(language, out var n)) rows.Add(new GateRow($"functional suite ({language}), accuracy", accuracy, n, false));
        }
        return rows;
    }

    /// <summary>
    /// The prompt-attack classifier's rows (<see cref="AttackEvaluation"/>): detection higher is better, false positives and
    /// bare harmful questions flagged lower; the flag and block points and the classifier with the heuristics.
    /// </summary>
    public static IReadOnlyList<GateRow> CompareAttacks(IReadOnlyList<AttackEvaluation.Row> current, IReadOnlyList<AttackEvaluation.Row> candidate)
    {
        var rows = new List<GateRow>();
        var byKey = candidate.ToDictionary(r => (r.Set, r.Language, r.Measure));
        foreach (var c in current)
        {
            if (!byKey.TryGetValue((c.Set, c.Language, c.Measure), out var n)) continue;
            var lower = c.Measure != "detection";
            var name = $"{c.Set} ({c.Language}), {c.Measure}";
            rows.Add(new GateRow($"{name} @flag", c.Flag, n.Flag, lower));
            rows.Add(new GateRow($"{name} @block", c.Block, n.Block, lower));
            rows.Add(new GateRow($"{name}, with heuristics", c.Either, n.Either, lower));
        }
        return rows;
    }

    /// <summary>Functional suite accuracy per language, from the suite's outcomes.</summary>
    public static IReadOnlyDictionary<string, double> SuiteAccuracy(IReadOnlyList<FunctionalOutcome> outcomes) =>
        FunctionalEvaluation.Rows(outcomes).GroupBy(r => r.Language).ToDictionary(
            g => g.Key,
            g => g.Sum(r => r.Accuracy * r.Count) / Math.Max(1, g.Sum(r => r.Count)));

    /// <summary>The comparison as a Markdown table.</summary>
    public static string Format(IReadOnlyList<GateRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| measure | current | candidate | change | |");
        sb.AppendLine("|---|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var verdict = r.Worse ? "worse" : Math.Abs(r.Candidate - r.Current) <= GateRow.Tolerance ? "same" : "better";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Measure} | {r.Current:F3} | {r.Candidate:F3} | {r.Candidate - r.Current:+0.000;-0.000;0.000} | {verdict} |");
        }
        return sb.ToString();
    }

    private static string Key(EvaluationRow r) => $"{r.Data}|{r.Model}|{r.Metric}";

    // Held out: the test splits the model card reports. Tuning rows (dev) chose the thresholds and prove nothing.
    private static bool IsHeldOut(EvaluationRow r) => !r.Data.Contains("tuning", StringComparison.Ordinal);
}
