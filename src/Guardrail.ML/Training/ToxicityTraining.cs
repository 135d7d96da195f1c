using System.Diagnostics;
using Guardrail.ML.Data;
using Guardrail.ML.Runtime;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Guardrail.ML.Training;

/// <summary>Trains the shipped toxicity models and writes them with their manifest; the <c>train toxicity</c> command.</summary>
public static class ToxicityTraining
{
    /// <summary>The most one exported feedback row weighs, in corpus rows of an average source.</summary>
    public const double FeedbackRowWeight = 10;

    /// <summary>Date part of the model version.</summary>
    public const string VersionDate = "2026-11-28";

    /// <summary>The files <see cref="Run(string, string, TextWriter)"/> writes to its output folder: the manifest and one model per spec (feature scales beside some).</summary>
    public static IReadOnlyList<string> OutputFiles { get; } = [ToxicityManifest.FileName, .. ModelSpec.All.Select(ModelFileName)];

    private static string ModelFileName(ModelSpec spec) => spec.Name + ".zip";

    /// <summary>
    /// Trains every model of <see cref="ModelSpec.All"/> on the train splits under <paramref name="dataDir"/>, picks the
    /// trainer and threshold on dev, tunes the window settings (<see cref="WindowTuning"/>), and writes <c>*.zip</c> plus
    /// <c>toxicity.json</c> to <paramref name="outDir"/>.
    /// Deterministic: the same data gives the same bytes.
    /// </summary>
    public static ToxicityManifest Run(string dataDir, string outDir, TextWriter log) => Run(ToxicityData.Load(dataDir), outDir, log);

    /// <summary>As <see cref="Run(string, string, TextWriter)"/> on data already loaded (with feedback added, <see cref="ToxicityData.WithFeedback"/>).</summary>
    public static ToxicityManifest Run(ToxicityData data, string outDir, TextWriter log)
    {
        Directory.CreateDirectory(outDir);
        foreach (var g in data.English.Concat(data.Chinese).GroupBy(r => (r.Source, r.Split)).OrderBy(g => g.Key.Source).ThenBy(g => g.Key.Split))
        {
            log.WriteLine($"data {g.Key.Source}/{g.Key.Split}: {g.Count()} rows");
        }
        var models = new List<ManifestModel>();
        foreach (var spec in ModelSpec.All)
        {
            var rows = spec.Language == "zh" ? data.Chinese : data.English;
            models.Add(TrainOne(spec, rows, outDir, log));
        }
        var version = $"toxicity@{VersionDate}+{ModelFile.ShortHash(models.SelectMany(m => m.ScaleFile is null ? [m.File] : new[] { m.File, m.ScaleFile }).Select(f => Path.Combine(outDir, f)))}";
        var manifest = new ToxicityManifest { Version = version, Models = models };
        manifest.Save(outDir);
        log.WriteLine($"wrote {version}");
        return WindowTuning.Run(data, outDir, log);
    }

    private static ManifestModel TrainOne(ModelSpec spec, IReadOnlyList<LabeledText> rows, string outDir, TextWriter log)
    {
        var labelled = rows.Where(r => spec.Label(r) is not null).ToList();
        var train = labelled.Where(r => r.Split == Split.Train).ToList();
        var dev = labelled.Where(r => r.Split == Split.Dev).ToList();
        var (trainFeatures, scale) = FeaturizeTrain(spec, train);
        var devFeatures = Featurize(spec, dev, scale);
        log.WriteLine($"{spec.Name}: {train.Count} train ({train.Count(r => spec.Label(r) == true)} positive), {dev.Count} dev");

        (TrainerCandidate Candidate, ITransformer Model, IDataView TrainView, float Threshold, double F1, List<(string Source, bool Label, float Probability)> Dev)? best = null;
        foreach (var candidate in TrainerCandidate.Grid)
        {
            var clock = Stopwatch.StartNew();
            var ml = new MLContext(seed: 1);
            var trainView = FeatureData.Load(ml, Rows(spec, train, trainFeatures, candidate.BalanceSources), spec.Features.Dimensions);
            var model = candidate.Create(ml).Fit(trainView);
            var scored = Score(ml, model, spec, dev, devFeatures);
            var (threshold, f1) = spec.TunePooled ? ThresholdTuner.TunePooled(scored) : ThresholdTuner.Tune(scored);
            log.WriteLine($"  {candidate.Description}: dev {(spec.TunePooled ? "pooled" : "mean")} macro-F1 {f1:F4} at threshold {threshold:F2} ({clock.Elapsed.TotalSeconds:F0} s)");
            if (best is null || f1 > best.Value.F1 + 1e-9) best = (candidate, model, trainView, threshold, f1, scored);
        }
        var chosen = best!.Value;
        var block = ThresholdTuner.TuneBlock(chosen.Dev, chosen.Threshold);
        if (block >= ThresholdTuner.NeverBlock)
        {
            var (at, precision) = ThresholdTuner.BestPrecision(chosen.Dev, chosen.Threshold);
            log.WriteLine($"  no threshold reaches pooled dev precision {ThresholdTuner.BlockPrecision:F2} (best {precision:F3} at {at:F2}): block threshold 1, never blocks");
        }
        var benignDev = chosen.Dev.Where(d => d.Source == "benign").ToList();
        log.WriteLine($"  block threshold {block:F2}: pooled dev precision {ThresholdTuner.Precision(chosen.Dev, block):F3} (flag {chosen.Threshold:F2}: {ThresholdTuner.Precision(chosen.Dev, chosen.Threshold):F3})"
            + (benignDev.Count > 0 ? $"; benign dev FPR {benignDev.Count(d => d.Probability >= chosen.Threshold) / (double)benignDev.Count:F3} at flag, {benignDev.Count(d => d.Probability >= block) / (double)benignDev.Count:F3} at block" : ""));
        var file = ModelFileName(spec);
        var path = Path.Combine(outDir, file);
        new MLContext(seed: 1).Model.Save(chosen.Model, chosen.TrainView.Schema, path);
        ModelFile.Normalize(path);
        log.WriteLine($"  chose {chosen.Candidate.Description}, threshold {chosen.Threshold:F2}; {new FileInfo(path).Length / 1024} KiB");
        string? scaleFile = null;
        if (scale is not null)
        {
            scaleFile = $"{spec.Name}.{spec.Features.Weighting}.gz";
            Features.FeatureWeighting.Save(Path.Combine(outDir, scaleFile), scale);
            log.WriteLine($"  feature scales ({spec.Features.Weighting}) in {scaleFile}; {new FileInfo(Path.Combine(outDir, scaleFile)).Length / 1024} KiB");
        }
        return new ManifestModel(spec.Name, file, spec.Category, spec.Language, chosen.Threshold, block, chosen.Candidate.Description, spec.Features) { ScaleFile = scaleFile };
    }

    /// <summary>
    /// Featurises the training split; with <see cref="Features.FeatureSettings.Weighting"/> set, first learns the per-feature
    /// scales on it (and only on it) and featurises it again with them. Other splits must use the returned scales.
    /// </summary>
    internal static (List<(int[] Indices, float[] Values)> Features, float[]? Scale) FeaturizeTrain(ModelSpec spec, IReadOnlyList<LabeledText> train)
    {
        var features = Featurize(spec, train);
        if (spec.Features.Weighting is not { } weighting) return (features, null);
        var scale = Features.FeatureWeighting.Compute(weighting, spec.Features.Dimensions, features.Select(f => f.Indices).ToList(), train.Select(r => spec.Label(r) == true).ToList());
        return (Featurize(spec, train, scale), scale);
    }

    internal static List<(int[] Indices, float[] Values)> Featurize(ModelSpec spec, IReadOnlyList<LabeledText> rows, float[]? scale = null)
    {
        var featurizer = new Features.NgramFeaturizer(spec.Features, scale);
        var buffer = new Features.SparseFeatures();
        var result = new List<(int[], float[])>(rows.Count);
        foreach (var r in rows)
        {
            featurizer.Featurize(ToxicityText.Prepare(r.Text), buffer);
            result.Add(buffer.ToArrays());
        }
        return result;
    }

    internal static IEnumerable<FeatureRow> Rows(ModelSpec spec, List<LabeledText> rows, List<(int[] Indices, float[] Values)> features, bool balance)
    {
        // Balanced: each source carries the same total weight, so Davidson's 17k mostly-offensive tweets do not define toxicity alone.
        var perSource = rows.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.Count());
        var mean = rows.Count / (double)perSource.Count;
        var dims = spec.Features.Dimensions;
        // Feedback rows are few; balanced like a corpus each would weigh hundreds of corpus rows, so their weight is capped.
        double SourceWeight(LabeledText r) => !balance ? 1
            : r.Source == ToxicityData.FeedbackSource ? Math.Min(mean / perSource[r.Source], FeedbackRowWeight)
            : mean / perSource[r.Source];
        // Classes balanced on top (training only): positives together weigh as much as negatives.
        var positiveFactor = 1.0;
        if (balance && spec.BalanceClasses)
        {
            var positive = rows.Where(r => spec.Label(r) == true).Sum(SourceWeight);
            var negative = rows.Where(r => spec.Label(r) != true).Sum(SourceWeight);
            if (positive > 0) positiveFactor = negative / positive;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var (idx, val) = features[i];
            var label = spec.Label(rows[i]) == true;
            yield return new FeatureRow
            {
                Label = label,
                Weight = (float)(SourceWeight(rows[i]) * (label ? positiveFactor : 1)),
                Features = new VBuffer<float>(dims, idx.Length, val, idx),
            };
        }
    }

    internal static List<(string Source, bool Label, float Probability)> Score(MLContext ml, ITransformer model, ModelSpec spec, List<LabeledText> rows, List<(int[] Indices, float[] Values)> features)
    {
        var view = FeatureData.Load(ml, Rows(spec, rows, features, balance: false), spec.Features.Dimensions);
        var probabilities = model.Transform(view).GetColumn<float>("Probability").ToList();
        return rows.Select((r, i) => (r.Source, spec.Label(r) == true, probabilities[i])).ToList();
    }
}
