using System.Diagnostics;
using System.Globalization;
using Guardrail.Grounding;
using Guardrail.ML.Data;
using Guardrail.ML.Evaluation;
using Guardrail.ML.Features;
using Guardrail.ML.Runtime;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Guardrail.ML.Training;

/// <summary>Trains the grounding support model and writes <c>grounding.zip</c> + <c>grounding.json</c>; the <c>train grounding</c> command.</summary>
public static class GroundingTraining
{
    /// <summary>Date part of the model version.</summary>
    public const string VersionDate = "2026-12-04";

    /// <summary>Date part of the Chinese model's version.</summary>
    public const string ChineseVersionDate = "2026-12-04";

    /// <summary>Zip file name.</summary>
    public const string ModelFileName = "grounding.zip";

    /// <summary>Zip file name of the Chinese support model.</summary>
    public const string ChineseModelFileName = "grounding-zh.zip";

    /// <summary>The files <see cref="Run(string, string, string, TextWriter)"/> writes to its output folder.</summary>
    public static IReadOnlyList<string> OutputFiles { get; } = [GroundingManifest.FileName, ModelFileName, GroundingManifest.ChineseFileName, ChineseModelFileName];

    /// <summary>
    /// The model's inputs. Left out on purpose: <c>numbers_in_claim</c>, <c>claim_terms_log</c>, <c>source_terms_log</c>
    /// and <c>missing_terms_log</c>. They mostly measure length, and length means opposite things across the sets
    /// (HaluEval's right answers are short spans, BEGIN's short replies are chit-chat); with them, grouped
    /// cross-validation on train+dev lost on BEGIN. See models/grounding.md.
    /// </summary>
    public static IReadOnlyList<string> Inputs { get; } =
    [
        "content_recall", "best_sentence_recall", "best_window_recall", "bigram_recall", "char_trigram_recall",
        "numbers_missing_share", "entities_missing_share", "negation_mismatch", "longest_run_share", "rare_term_recall",
        "best_sentence_precision", "entities_missing_log", "numbers_missing_log", "personal_share", "question",
    ];

    /// <summary>
    /// The Chinese model's inputs: the English ones without the capitalised-name features (Chinese has no capitals).
    /// </summary>
    public static IReadOnlyList<string> ChineseInputs { get; } =
    [
        "content_recall", "best_sentence_recall", "best_window_recall", "bigram_recall", "char_trigram_recall",
        "numbers_missing_share", "negation_mismatch", "longest_run_share", "rare_term_recall",
        "best_sentence_precision", "numbers_missing_log", "personal_share", "question", "han_char_recall",
    ];

    /// <summary>
    /// Trains the support model on the shared sets under <paramref name="dataDir"/> and the Chinese model on the
    /// team's Chinese pairs in <paramref name="chineseDir"/>, each as <see cref="Run(IReadOnlyList{SupportPair}, string, TextWriter)"/> does.
    /// </summary>
    public static (GroundingManifest Main, GroundingManifest Chinese) Run(string dataDir, string chineseDir, string outDir, TextWriter log)
    {
        var main = Run(GroundingData.Load(dataDir), outDir, log);
        log.WriteLine();
        log.WriteLine("Chinese support model (team-written pairs):");
        return (main, Run(ChinesePairs.ForSupportModel(ChinesePairs.Load(chineseDir)), outDir, log, Chinese));
    }

    /// <summary>What one support model is trained as: its files, version prefix and inputs.</summary>
    internal sealed record Target(string ManifestFile, string ModelFile, string VersionPrefix, IReadOnlyList<string> Inputs);

    internal static Target Main { get; } = new(GroundingManifest.FileName, ModelFileName, $"grounding@{VersionDate}", Inputs);

    internal static Target Chinese { get; } = new(GroundingManifest.ChineseFileName, ChineseModelFileName, $"grounding-zh@{ChineseVersionDate}", ChineseInputs);

    /// <summary>
    /// Featurises the train and dev parts of <paramref name="pairs"/>, fits every <see cref="GroundingCandidate"/>
    /// on train, keeps the one with the best mean dev ROC-AUC over the sets, picks the threshold on dev, and writes
    /// the model and manifest to <paramref name="outDir"/>. Deterministic: the same data gives the same bytes. Test is never read.
    /// </summary>
    public static GroundingManifest Run(IReadOnlyList<SupportPair> pairs, string outDir, TextWriter log) => Run(pairs, outDir, log, Main);

    internal static GroundingManifest Run(IReadOnlyList<SupportPair> pairs, string outDir, TextWriter log, Target target)
    {
        Directory.CreateDirectory(outDir);
        var train = pairs.Where(p => p.Split == Split.Train).ToList();
        var dev = pairs.Where(p => p.Split == Split.Dev).ToList();
        foreach (var g in train.Concat(dev).GroupBy(p => (p.Set, p.Split)).OrderBy(g => g.Key.Set, StringComparer.Ordinal).ThenBy(g => g.Key.Split))
        {
            log.WriteLine($"data {g.Key.Set}/{g.Key.Split}: {g.Count()} pairs ({g.Count(p => p.Supported)} supported)");
        }
        var inputs = target.Inputs.Select(n => IndexOf(n)).ToArray();
        var trainX = Featurize(train, inputs);
        var devX = Featurize(dev, inputs);
        var sets = dev.Select(p => p.Set).Distinct().Order(StringComparer.Ordinal).ToList();
        var floor = dev.Select(p => SupportFeatures.Compute(p.FloorClaim, p.Source)[0]).ToList();
        log.WriteLine("  word-overlap floor: dev ROC-AUC " + PerSet(dev, floor, sets));

        (GroundingCandidate Candidate, ITransformer Model, IDataView View, double Mean, List<float> Dev, Dictionary<string, double> Auc)? best = null;
        foreach (var candidate in GroundingCandidate.Grid)
        {
            var clock = Stopwatch.StartNew();
            var ml = new MLContext(seed: 1);
            var view = Load(ml, Rows(train, trainX, candidate.BalanceSets), inputs.Length);
            var model = candidate.Create(ml).Fit(view);
            var scores = Score(ml, model, devX, inputs.Length);
            var auc = sets.ToDictionary(s => s, s => Auc(dev, scores, s));
            var mean = auc.Values.Average();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {candidate.Description}: dev ROC-AUC {PerSet(dev, scores, sets)}, mean {mean:F4} ({clock.Elapsed.TotalSeconds:F1} s)"));
            if (double.IsNaN(mean)) continue;
            if (best is null || mean > best.Value.Mean + 1e-9) best = (candidate, model, view, mean, scores, auc);
        }
        var chosen = best ?? throw new InvalidOperationException("no trainer produced a usable model");
        var (threshold, balanced) = GroundingMetrics.TuneThreshold(dev.Select((p, i) => (p.Set, p.Supported, chosen.Dev[i])).ToList());
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  chose {chosen.Candidate.Description}; threshold {threshold:F2} (mean dev balanced accuracy {balanced:F4})"));

        var path = Path.Combine(outDir, target.ModelFile);
        new MLContext(seed: 1).Model.Save(chosen.Model, chosen.View.Schema, path);
        ModelFile.Normalize(path);
        var manifest = new GroundingManifest
        {
            Version = $"{target.VersionPrefix}+{ModelFile.ShortHash([path])}",
            File = target.ModelFile,
            Trainer = chosen.Candidate.Description,
            Threshold = threshold,
            Features = target.Inputs,
            DevRocAuc = chosen.Auc.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 4)),
        };
        CheckDirectEvaluation(manifest, path, dev, chosen.Dev, log);
        manifest.Save(outDir, target.ManifestFile);
        log.WriteLine($"wrote {manifest.Version} ({new FileInfo(path).Length / 1024.0:F1} KiB)");
        return manifest;
    }

    // The runtime evaluates the parameters itself; it must agree with ML.NET on every dev row, or the model is not shipped.
    private static void CheckDirectEvaluation(GroundingManifest manifest, string path, List<SupportPair> dev, List<float> expected, TextWriter log)
    {
        var model = SupportModel.FromTransformer(manifest, new MLContext(seed: 1).Model.Load(path, out _));
        var worst = 0.0;
        for (var i = 0; i < dev.Count; i++)
        {
            worst = Math.Max(worst, Math.Abs(model.Score(SupportFeatures.Compute(dev[i].Claim, dev[i].Source)) - expected[i]));
        }
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  direct evaluation vs ML.NET on {dev.Count} dev rows: max |Δp| {worst:E1}"));
        if (worst > 1e-4) throw new InvalidOperationException($"direct evaluation differs from ML.NET by {worst}");
    }

    internal static int IndexOf(string name)
    {
        for (var i = 0; i < SupportFeatures.Count; i++) if (SupportFeatures.Names[i] == name) return i;
        throw new ArgumentException($"unknown feature '{name}'", nameof(name));
    }

    internal static List<float[]> Featurize(IReadOnlyList<SupportPair> pairs, int[] inputs) =>
        pairs.Select(p =>
        {
            var all = SupportFeatures.Compute(p.Claim, p.Source);
            return inputs.Select(i => all[i]).ToArray();
        }).ToList();

    private static IEnumerable<GroundingRow> Rows(List<SupportPair> pairs, List<float[]> x, bool balance)
    {
        // Balanced: each set carries the same total weight, so the largest set does not define support alone.
        var perSet = pairs.GroupBy(p => p.Set).ToDictionary(g => g.Key, g => g.Count());
        var mean = pairs.Count / (double)perSet.Count;
        return pairs.Select((p, i) => new GroundingRow { Label = p.Supported, Weight = balance ? (float)(mean / perSet[p.Set]) : 1f, Features = x[i] });
    }

    private static IDataView Load(MLContext ml, IEnumerable<GroundingRow> rows, int dims) =>
        ml.Data.Cache(ml.Data.LoadFromEnumerable(rows, FeatureData.Schema<GroundingRow>(dims)));

    private static List<float> Score(MLContext ml, ITransformer model, List<float[]> x, int dims) =>
        model.Transform(Load(ml, x.Select(f => new GroundingRow { Features = f }), dims)).GetColumn<float>("Probability").ToList();

    private static double Auc(List<SupportPair> pairs, IReadOnlyList<float> scores, string set)
    {
        var idx = Enumerable.Range(0, pairs.Count).Where(i => pairs[i].Set == set).ToList();
        return BinaryMetrics.ComputeRocAuc(idx.Select(i => pairs[i].Supported).ToList(), idx.Select(i => scores[i]).ToList());
    }

    private static string PerSet(List<SupportPair> pairs, IReadOnlyList<float> scores, List<string> sets) =>
        string.Join(", ", sets.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s} {Auc(pairs, scores, s):F3}")));
}
