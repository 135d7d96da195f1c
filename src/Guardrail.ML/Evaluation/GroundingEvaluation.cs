using System.Globalization;
using System.Text;
using Guardrail.Grounding;
using Guardrail.ML.Data;
using Guardrail.ML.Features;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Evaluation;

/// <summary>One row of the support table: a data set part, our ROC-AUC next to the word-overlap floor's, and balanced accuracy.</summary>
/// <param name="Set">Data set.</param>
/// <param name="Split">Part: test (report) or dev (tuning).</param>
/// <param name="Count">Pairs.</param>
/// <param name="Supported">Supported pairs.</param>
/// <param name="RocAuc">ROC-AUC of the support model.</param>
/// <param name="FloorRocAuc">ROC-AUC of the word-overlap floor (core feature 0, the answer's content words vs the source).</param>
/// <param name="Gain">95% paired cluster-bootstrap interval of <see cref="RocAuc"/> − <see cref="FloorRocAuc"/>.</param>
/// <param name="BalancedAccuracy">Balanced accuracy at the model's dev threshold.</param>
/// <param name="FloorBalancedAccuracy">Balanced accuracy of the floor at its own dev-chosen threshold.</param>
/// <param name="Accuracy">Accuracy at the model's dev threshold.</param>
public sealed record SupportResult(string Set, Split Split, int Count, int Supported, double RocAuc, double FloorRocAuc, (double Low, double High) Gain, double BalancedAccuracy, double FloorBalancedAccuracy, double Accuracy);

/// <summary>Measures the shipped support model and the citation cases; the <c>eval grounding</c> command.</summary>
public static class GroundingEvaluation
{
    /// <summary>The floor figures the data README quotes (its own computation, not necessarily on these rows).</summary>
    public static IReadOnlyDictionary<string, string> ReadmeFloor { get; } = new Dictionary<string, string> { ["halueval"] = "≈0.92", ["begin"] = "≈0.93", ["wice"] = "≈0.71", [WiceClaims] = "—" };

    /// <summary>The set name of the per-claim WiCE rows (a claim scored by the best of its chunks).</summary>
    public const string WiceClaims = "wice-claims";

    /// <summary>Evaluates the model in <paramref name="modelsDir"/> on the data under <paramref name="dataDir"/>, prints the tables, returns the rows.</summary>
    public static IReadOnlyList<SupportResult> Run(string dataDir, string modelsDir, TextWriter output)
    {
        var model = SupportModel.Load(modelsDir);
        var pairs = GroundingData.Load(dataDir);
        var scored = pairs.Select(p => (Pair: p, Ours: model.Score(SupportFeatures.Compute(p.Claim, p.Source)), Floor: SupportFeatures.Compute(p.FloorClaim, p.Source)[0])).ToList();
        var floorThreshold = GroundingMetrics.TuneThreshold(scored.Where(s => s.Pair.Split == Split.Dev).Select(s => (s.Pair.Set, s.Pair.Supported, s.Floor)).ToList()).Threshold;
        var results = new List<SupportResult>();
        foreach (var split in new[] { Split.Test, Split.Dev })
        {
            foreach (var set in GroundingData.Sets)
            {
                var rows = scored.Where(s => s.Pair.Split == split && s.Pair.Set == set).ToList();
                var truth = rows.Select(r => r.Pair.Supported).ToList();
                var ours = rows.Select(r => r.Ours).ToList();
                var floor = rows.Select(r => r.Floor).ToList();
                results.Add(new SupportResult(set, split, rows.Count, truth.Count(t => t),
                    BinaryMetrics.ComputeRocAuc(truth, ours), BinaryMetrics.ComputeRocAuc(truth, floor),
                    GroundingMetrics.AucGainInterval(truth, ours, floor, rows.Select(r => r.Pair.Group).ToList()),
                    GroundingMetrics.BalancedAccuracy(truth, ours, model.Threshold), GroundingMetrics.BalancedAccuracy(truth, floor, floorThreshold),
                    GroundingMetrics.Accuracy(truth, ours, model.Threshold)));
            }
            // WiCE's own protocol scores a claim by the best of its evidence chunks (each chunk is one annotator's
            // evidence padded with other sentences, and all carry the claim's label). Reported next to the per-chunk
            // rows; nothing was chosen on it.
            var claims = scored.Where(s => s.Pair.Split == split && s.Pair.Set == "wice").GroupBy(s => s.Pair.Group)
                .Select(g => (Truth: g.First().Pair.Supported, Ours: g.Max(x => x.Ours), Floor: g.Max(x => x.Floor), Group: g.Key)).ToList();
            var claimTruth = claims.Select(c => c.Truth).ToList();
            var claimOurs = claims.Select(c => c.Ours).ToList();
            var claimFloor = claims.Select(c => c.Floor).ToList();
            results.Add(new SupportResult(WiceClaims, split, claims.Count, claimTruth.Count(t => t),
                BinaryMetrics.ComputeRocAuc(claimTruth, claimOurs), BinaryMetrics.ComputeRocAuc(claimTruth, claimFloor),
                GroundingMetrics.AucGainInterval(claimTruth, claimOurs, claimFloor, claims.Select(c => c.Group).ToList()),
                GroundingMetrics.BalancedAccuracy(claimTruth, claimOurs, model.Threshold), GroundingMetrics.BalancedAccuracy(claimTruth, claimFloor, floorThreshold),
                GroundingMetrics.Accuracy(claimTruth, claimOurs, model.Threshold)));
        }

        output.WriteLine($"model {model.Version}: {model.Manifest.Trainer}, threshold {model.Threshold.ToString("F2", CultureInfo.InvariantCulture)}");
        output.WriteLine($"floor: word overlap (core feature content_recall; HaluEval: the answer alone), its own dev threshold {floorThreshold.ToString("F2", CultureInfo.InvariantCulture)}");
        output.WriteLine();
        output.Write(FormatSupport(results));
        output.WriteLine();
        output.Write(FormatPublished(results));
        output.WriteLine();
        var cases = CitationCases.FromTest(dataDir);
        var report = CitationMetrics.Measure(cases, GroundingCitationCheck.Create(model));
        output.WriteLine($"citation cases: {report.Cases} cases, {report.Sentences} cited sentences, from the test parts ({string.Join(", ", cases.GroupBy(c => c.Id[..c.Id.IndexOf('-', StringComparison.Ordinal)]).Select(g => $"{g.Key} {g.Count()}"))})");
        output.WriteLine($"checker: {GroundingCitationCheck.Name}");
        output.WriteLine();
        output.Write(report.Format());
        return results;
    }

    /// <summary>The support table (Markdown).</summary>
    public static string FormatSupport(IEnumerable<SupportResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| data (part) | n (supported) | ROC-AUC ours | ROC-AUC floor | gain, 95% CI | README floor | bal. acc. ours | bal. acc. floor |");
        sb.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|");
        foreach (var r in results)
        {
            var part = r.Split == Split.Test ? "test 15%" : "dev 15%, tuning";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {Title(r.Set)} ({part}) | {r.Count} ({r.Supported}) | {r.RocAuc:F3} | {r.FloorRocAuc:F3} | {r.RocAuc - r.FloorRocAuc:+0.000;-0.000} [{r.Gain.Low:+0.000;-0.000}, {r.Gain.High:+0.000;-0.000}] | {ReadmeFloor[r.Set]} | {r.BalancedAccuracy:F3} | {r.FloorBalancedAccuracy:F3} |");
        }
        return sb.ToString();
    }

    /// <summary>Our test figures next to published detectors (Markdown).</summary>
    public static string FormatPublished(IEnumerable<SupportResult> results)
    {
        var test = results.Where(r => r.Split == Split.Test).ToDictionary(r => r.Set);
        var sb = new StringBuilder();
        sb.AppendLine("| data | metric | ours | floor | published (their split) |");
        sb.AppendLine("|---|---|---:|---:|---|");
        if (test.TryGetValue("wice", out var w))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| WiCE (test 15% of dev, per chunk) | balanced accuracy | {100 * w.BalancedAccuracy:F1} | {100 * w.FloorBalancedAccuracy:F1} | AlignScore 66.0, MiniCheck-FT5 72.2, GPT-4o 78.5 (LLM-AggreFact WiCE test) |");
        }
        if (test.TryGetValue("halueval", out var h))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| HaluEval QA (test 15%) | accuracy | {100 * h.Accuracy:F2}% | — | ChatGPT 62.59% (HaluEval QA, 10k, prompted judge) |");
        }
        return sb.ToString();
    }

    private static string Title(string set) => set switch
    {
        "halueval" => "HaluEval QA",
        "begin" => "BEGIN",
        "wice" => "WiCE",
        WiceClaims => "WiCE per claim, best chunk",
        _ => set,
    };
}
