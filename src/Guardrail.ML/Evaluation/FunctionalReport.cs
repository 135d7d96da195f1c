using System.Globalization;
using System.Text;

namespace Guardrail.ML.Evaluation;

/// <summary>One functionality in one language.</summary>
/// <param name="Language">Language.</param>
/// <param name="Functionality">Functionality.</param>
/// <param name="ExpectAct">Whether its cases should be acted on.</param>
/// <param name="Count">Cases.</param>
/// <param name="Accuracy">Share of cases where the policy acted as expected.</param>
/// <param name="Flagged">Share flagged (or redacted) but not blocked.</param>
/// <param name="Blocked">Share blocked.</param>
/// <param name="Unchecked">Cases the verdict left unchecked (neither allowed nor acted on).</param>
public sealed record FunctionalRow(string Language, string Functionality, bool ExpectAct, int Count, double Accuracy, double Flagged, double Blocked, int Unchecked);

/// <summary>One target in one language.</summary>
/// <param name="Language">Language.</param>
/// <param name="Target">The target.</param>
/// <param name="Count">Cases pooled.</param>
/// <param name="Rate">Share acted on: the false-positive rate of a pass target, the detection rate of an act target.</param>
public sealed record FunctionalTargetRow(string Language, FunctionalTarget Target, int Count, double Rate);

/// <summary>One case category in one language.</summary>
/// <param name="Language">Language.</param>
/// <param name="Category">The case category.</param>
/// <param name="Count">Cases.</param>
/// <param name="Matched">Share whose top category is the case's, or null when the detector scores no such category in this language.</param>
/// <param name="Assigned">Top categories that came out, most frequent first.</param>
public sealed record CategoryRow(string Language, string Category, int Count, double? Matched, IReadOnlyList<(string Category, int Count)> Assigned);

/// <summary>Formats the functional suite's tables as Markdown, one block per language (pasted unchanged into the model card).</summary>
public static class FunctionalReport
{
    /// <summary>The three tables of each language, languages in order.</summary>
    public static string Format(IReadOnlyList<FunctionalRow> rows, IReadOnlyList<FunctionalTargetRow> targets, IReadOnlyList<CategoryRow> categories)
    {
        var sb = new StringBuilder();
        foreach (var language in rows.Select(r => r.Language).Distinct())
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"functional suite, {language}:");
            sb.AppendLine("| functionality | expected | n | accuracy | flagged | blocked | unchecked |");
            sb.AppendLine("|---|---|---:|---:|---:|---:|---:|");
            var mine = rows.Where(r => r.Language == language).ToList();
            foreach (var r in mine)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Functionality} | {(r.ExpectAct ? "act" : "pass")} | {r.Count} | {r.Accuracy:F3} | {r.Flagged:F3} | {r.Blocked:F3} | {r.Unchecked} |");
            }
            var n = mine.Sum(r => r.Count);
            sb.AppendLine(CultureInfo.InvariantCulture, $"| all | | {n} | {mine.Sum(r => r.Accuracy * r.Count) / Math.Max(1, n):F3} | | | {mine.Sum(r => r.Unchecked)} |");
            sb.AppendLine();
            sb.AppendLine("| target group | n | rate | target | met |");
            sb.AppendLine("|---|---:|---:|---|---|");
            foreach (var t in targets.Where(t => t.Language == language))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {t.Target.Name} | {t.Count} | {t.Rate:F3} | {(t.Target.ExpectAct ? "≥" : "≤")} {t.Target.Target:F2} | {(t.Count == 0 ? "—" : t.Target.Met(t.Rate) ? "yes" : "no")} |");
            }
            sb.AppendLine();
            sb.AppendLine("| case category | n | top category matched | top categories assigned |");
            sb.AppendLine("|---|---:|---:|---|");
            foreach (var c in categories.Where(c => c.Language == language))
            {
                var matched = c.Matched is { } m ? m.ToString("F3", CultureInfo.InvariantCulture) : $"— (no {c.Category} score)";
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {c.Category} | {c.Count} | {matched} | {string.Join(", ", c.Assigned.Select(a => $"{a.Category} {a.Count}"))} |");
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
