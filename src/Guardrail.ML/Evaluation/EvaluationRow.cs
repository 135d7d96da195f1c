using System.Globalization;
using System.Text;

namespace Guardrail.ML.Evaluation;

/// <summary>One line of the evaluation table: our figure next to the published one on the same split.</summary>
/// <param name="Data">Data set and split.</param>
/// <param name="Model">Model that scored it.</param>
/// <param name="Count">Number of examples.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Ours">Our value (0–1) at the flag threshold (the F1-optimal one the published comparisons use).</param>
/// <param name="Published">Published figures for comparison, or "—".</param>
/// <param name="AtBlock">Our value at the stricter block threshold, or null when the metric does not depend on the threshold.</param>
public sealed record EvaluationRow(string Data, string Model, int Count, string Metric, double Ours, string Published, double? AtBlock = null);

/// <summary>Prints evaluation rows as a Markdown table (pasted unchanged into the model card).</summary>
public static class MetricsTable
{
    /// <summary>Formats <paramref name="rows"/>.</summary>
    public static string Format(IEnumerable<EvaluationRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| data (split) | model | n | metric | ours @flag | ours @block | published |");
        sb.AppendLine("|---|---|---:|---|---:|---:|---|");
        foreach (var r in rows)
        {
            var block = r.AtBlock is { } b ? b.ToString("F3", CultureInfo.InvariantCulture) : "—";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Data} | {r.Model} | {r.Count} | {r.Metric} | {r.Ours:F3} | {block} | {r.Published} |");
        }
        return sb.ToString();
    }
}
