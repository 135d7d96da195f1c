using System.Globalization;
using System.Text;
using Guardrail.Grounding;
using Guardrail.ML.Data;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Evaluation;

/// <summary>
/// The team's Chinese pairs (<see cref="ChinesePairs"/>) in <c>eval grounding</c>: the support models' ROC-AUC on dev and
/// test, and per kind what the proxy's checker reports when the claim cites the pair's source as [1].
/// </summary>
public static class ChinesePairsEvaluation
{
    /// <summary>Prints the tables for the pairs in <paramref name="directory"/> scored by <paramref name="model"/> (and its Chinese model).</summary>
    public static void Run(string directory, SupportModel model, TextWriter output)
    {
        var pairs = ChinesePairs.Load(directory).Where(p => p.Split != Split.Train).ToList();
        var scorer = new CalibratedSupportScorer(model);
        output.WriteLine($"Chinese pairs {directory.Replace('\\', '/')} (team-written; dev chose the Chinese model's trainer and threshold, test is held out): support model {(model.Chinese ?? model).Version}");
        output.WriteLine();
        output.WriteLine("| part | n (supported) | ROC-AUC Chinese model | ROC-AUC English model | ROC-AUC floor | bal. acc. at threshold |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        var rows = new List<(SupportPair Pair, bool Finding)>();
        foreach (var split in new[] { Split.Test, Split.Dev })
        {
            var part = pairs.Where(p => p.Split == split).ToList();
            if (part.Count == 0) continue;
            var features = part.Select(p => SupportFeatures.Compute(p.Claim, p.Source)).ToList();
            var truth = part.Select(p => p.Supported).ToList();
            var chosen = features.Select(f => model.For(f).Score(f)).ToList();
            var english = features.Select(f => model.Score(f)).ToList();
            var floor = features.Select(f => f[0]).ToList();
            var threshold = (model.Chinese ?? model).Threshold;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(split == Split.Test ? "test" : "dev, tuning")} | {part.Count} ({truth.Count(t => t)}) | {BinaryMetrics.ComputeRocAuc(truth, chosen):F3} | {BinaryMetrics.ComputeRocAuc(truth, english):F3} | {BinaryMetrics.ComputeRocAuc(truth, floor):F3} | {GroundingMetrics.BalancedAccuracy(truth, chosen, threshold):F3} |"));
            if (split == Split.Test)
            {
                foreach (var p in part) rows.Add((p, Flagged(p, scorer)));
            }
        }
        output.WriteLine();
        output.WriteLine("test pairs through the checker (claim + [1] against the source; correct: no finding when supported, a finding when not):");
        output.WriteLine();
        output.Write(FormatKinds(rows));
    }

    private static bool Flagged(SupportPair pair, ISupportScorer scorer)
    {
        var answer = pair.Claim.TrimEnd('。', '.', ' ') + "[1]。";
        var result = GroundingChecker.Check(answer, new SourceSet([new Source("1", null, null, pair.Source, "pair.source")]), scorer);
        return GroundingSuiteEvaluation.Predict(result) != "supported";
    }

    /// <summary>Per kind: pairs, the share the checker gets right, and the share with a finding (Markdown).</summary>
    public static string FormatKinds(IReadOnlyList<(SupportPair Pair, bool Finding)> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| kind | supported | n | correct | with a finding |");
        sb.AppendLine("|---|---|---:|---:|---:|");
        foreach (var g in rows.GroupBy(r => r.Pair.Kind).OrderBy(g => g.First().Pair.Supported ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var correct = g.Count(r => r.Finding != r.Pair.Supported);
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {g.Key} | {(g.First().Pair.Supported ? "yes" : "no")} | {g.Count()} | {(double)correct / g.Count():F3} | {(double)g.Count(r => r.Finding) / g.Count():F3} |"));
        }
        if (rows.Count > 0)
        {
            var all = rows.Count(r => r.Finding != r.Pair.Supported);
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| all | | {rows.Count} | {(double)all / rows.Count:F3} | {(double)rows.Count(r => r.Finding) / rows.Count:F3} |"));
        }
        return sb.ToString();
    }
}
