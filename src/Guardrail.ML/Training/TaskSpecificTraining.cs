using System.Diagnostics;
using System.Globalization;
using Guardrail.ML.Data;
using Guardrail.ML.Evaluation;
using Guardrail.ML.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Guardrail.ML.Training;

/// <summary>A binary task-specific model's choices on dev and its figures on test.</summary>
/// <param name="Trainer">Trainer chosen on dev.</param>
/// <param name="Threshold">Threshold chosen on dev (best dev macro-F1).</param>
/// <param name="DevMacroF1">Dev macro-F1 at that threshold.</param>
/// <param name="Test">Test metrics at that threshold.</param>
public sealed record BinaryTaskResult(string Trainer, float Threshold, double DevMacroF1, BinaryMetrics Test);

/// <summary>A multiclass task-specific model's choices on dev and its figures on test.</summary>
/// <param name="Trainer">Trainer and class weighting chosen on dev (best dev macro-F1).</param>
/// <param name="Dev">Dev metrics of that candidate.</param>
/// <param name="Test">Test metrics of that candidate.</param>
public sealed record MulticlassTaskResult(string Trainer, ClassMetrics Dev, ClassMetrics Test);

/// <summary>
/// Trains the shipped recipe (featurizer + trainer grid) on one data set's train split only, chooses trainer and
/// threshold on its dev split only and measures its test split: the like-for-like comparison with published
/// task-specific baselines. Models stay in memory and are never written. Deterministic (<c>MLContext(seed: 1)</c>,
/// single-threaded trainers).
/// </summary>
public static class TaskSpecificTraining
{
    /// <summary>Binary task on <paramref name="rows"/> (one source) with the label of <paramref name="spec"/>.</summary>
    public static BinaryTaskResult Binary(ModelSpec spec, IReadOnlyList<LabeledText> rows, TextWriter log)
    {
        var (train, dev, test) = Splits(rows);
        var (trainF, scale) = ToxicityTraining.FeaturizeTrain(spec, train);
        var (devF, testF) = (ToxicityTraining.Featurize(spec, dev, scale), ToxicityTraining.Featurize(spec, test, scale));
        (string Trainer, float Threshold, double F1, BinaryMetrics Test)? best = null;
        // With one source, source balancing gives every example weight 1: the balanced and unbalanced SDCA(1e-5) coincide.
        foreach (var candidate in TrainerCandidate.Grid.Where(c => c.BalanceSources))
        {
            var clock = Stopwatch.StartNew();
            var ml = new MLContext(seed: 1);
            var view = FeatureData.Load(ml, ToxicityTraining.Rows(spec, train, trainF, balance: false), spec.Features.Dimensions);
            var model = candidate.Create(ml).Fit(view);
            var (threshold, f1) = ThresholdTuner.Tune(ToxicityTraining.Score(ml, model, spec, dev, devF));
            var name = candidate.Description.Replace(", balanced sources", "", StringComparison.Ordinal);
            log.WriteLine($"  {rows[0].Source} {name}: dev macro-F1 {f1:F4} at {threshold:F2} ({clock.Elapsed.TotalSeconds:F0} s)");
            if (best is not null && f1 <= best.Value.F1 + 1e-9) continue;
            var scored = ToxicityTraining.Score(ml, model, spec, test, testF);
            best = (name, threshold, f1, BinaryMetrics.Compute([.. scored.Select(s => s.Label)], [.. scored.Select(s => s.Probability)], threshold));
        }
        var b = best!.Value;
        return new BinaryTaskResult(b.Trainer, b.Threshold, b.F1, b.Test);
    }

    /// <summary>
    /// Feature variants of the multiclass grid: the shipped settings, then two closer to Davidson et al.'s recipe
    /// (word 1–3-grams with IDF; words 1–3 plus the shipped character n-grams, with IDF). <c>CharNgramMax = 0</c> turns
    /// character n-grams off.
    /// </summary>
    public static IReadOnlyList<(string Name, FeatureSettings Settings)> MulticlassFeatureVariants { get; } =
    [
        ("shipped features", new FeatureSettings()),
        ("words 1-3, idf", new FeatureSettings { WordNgramMax = 3, CharNgramMax = 0, Weighting = FeatureWeighting.Idf }),
        ("words 1-3 + chars 2-5, idf", new FeatureSettings { WordNgramMax = 3, Weighting = FeatureWeighting.Idf }),
    ];

    /// <summary>
    /// Multiclass task on <paramref name="rows"/> (one source, <see cref="LabeledText.Class"/> in 0..<paramref name="classes"/>-1):
    /// every feature variant × <see cref="MulticlassCandidate.Grid"/> entry × decision rule (arg-max, or class 0 when its
    /// score reaches a dev-tuned threshold, see <see cref="MulticlassCandidate.Decide"/>); the one with the best dev macro-F1
    /// wins, and only it is measured on test. <paramref name="variants"/> defaults to <see cref="MulticlassFeatureVariants"/>;
    /// <paramref name="tuneThreshold"/> false keeps arg-max decisions only (the published recipe's rule).
    /// </summary>
    public static MulticlassTaskResult Multiclass(ModelSpec spec, IReadOnlyList<LabeledText> rows, int classes, TextWriter log,
        IReadOnlyList<(string Name, FeatureSettings Settings)>? variants = null, IReadOnlyList<MulticlassCandidate>? grid = null, bool tuneThreshold = true)
    {
        var (train, dev, test) = Splits(rows);
        var devTruth = dev.Select(r => r.Class).ToList();
        (string Description, ClassMetrics Dev, MLContext Ml, ITransformer Model, ModelSpec Spec, float[]? Scale, float? Threshold)? best = null;
        foreach (var (variantName, settings) in variants ?? MulticlassFeatureVariants)
        {
            var variantSpec = spec with { Features = settings };
            var (trainF, scale) = ToxicityTraining.FeaturizeTrain(variantSpec, train);
            var devF = ToxicityTraining.Featurize(variantSpec, dev, scale);
            var dims = settings.Dimensions;
            foreach (var candidate in grid ?? MulticlassCandidate.Grid)
            {
                var clock = Stopwatch.StartNew();
                var ml = new MLContext(seed: 1);
                var weights = MulticlassCandidate.ClassWeights([.. train.Select(r => r.Class)], classes, candidate.WeightPower);
                var view = FeatureData.Load(ml, MulticlassRows(train, trainF, dims, weights), dims);
                var model = candidate.Create(ml).Fit(view);
                var devScores = Scores(ml, model, dev, devF, dims);
                var argMax = ClassMetrics.Compute(devTruth, [.. devScores.Select(MulticlassCandidate.ArgMax)], classes);
                var (threshold, tuned) = MulticlassCandidate.TuneThreshold(devTruth, devScores, classes, 0);
                var name = $"{variantName}; {candidate.Description}";
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {rows[0].Source} {name}: arg-max dev macro-F1 {argMax.MacroF1:F4}, weighted F1 {argMax.WeightedF1:F4}, class-0 F1 {argMax.PerClassF1[0]:F4}; class 0 at P ≥ {threshold:F2}: dev macro-F1 {tuned.MacroF1:F4}, weighted F1 {tuned.WeightedF1:F4}, class-0 F1 {tuned.PerClassF1[0]:F4} ({clock.Elapsed.TotalSeconds:F0} s)"));
                if (best is null || argMax.MacroF1 > best.Value.Dev.MacroF1 + 1e-9) best = (name, argMax, ml, model, variantSpec, scale, null);
                if (tuneThreshold && tuned.MacroF1 > best.Value.Dev.MacroF1 + 1e-9)
                {
                    best = (string.Create(CultureInfo.InvariantCulture, $"{name}, class 0 when P ≥ {threshold:F2}"), tuned, ml, model, variantSpec, scale, threshold);
                }
            }
        }
        var b = best!.Value;
        var testF = ToxicityTraining.Featurize(b.Spec, test, b.Scale);
        var testScores = Scores(b.Ml, b.Model, test, testF, b.Spec.Features.Dimensions);
        var testMetrics = ClassMetrics.Compute([.. test.Select(r => r.Class)], [.. testScores.Select(s => MulticlassCandidate.Decide(s, 0, b.Threshold))], classes);
        return new MulticlassTaskResult(b.Description, b.Dev, testMetrics);
    }

    /// <summary>The class scores (the <c>Score</c> vector, slot i = class i) of <paramref name="rows"/> under <paramref name="model"/>.</summary>
    internal static List<float[]> Scores(MLContext ml, ITransformer model, List<LabeledText> rows, List<(int[] Indices, float[] Values)> features, int dims)
    {
        var view = FeatureData.Load(ml, MulticlassRows(rows, features, dims, null), dims);
        return [.. model.Transform(view).GetColumn<float[]>("Score")];
    }

    /// <summary>Predicted class ids (arg-max of the <c>Score</c> column) of <paramref name="rows"/> under <paramref name="model"/>.</summary>
    internal static List<int> Predict(MLContext ml, ITransformer model, List<LabeledText> rows, List<(int[] Indices, float[] Values)> features, int dims)
    {
        var view = FeatureData.Load(ml, MulticlassRows(rows, features, dims, null), dims);
        return [.. model.Transform(view).GetColumn<float[]>("Score").Select(MulticlassCandidate.ArgMax)];
    }

    internal static IEnumerable<MulticlassFeatureRow> MulticlassRows(List<LabeledText> rows, List<(int[] Indices, float[] Values)> features, int dims, float[]? weights) =>
        rows.Select((r, i) => new MulticlassFeatureRow
        {
            Label = (uint)r.Class,
            Weight = weights?[r.Class] ?? 1f,
            Features = new VBuffer<float>(dims, features[i].Indices.Length, features[i].Values, features[i].Indices),
        });

    private static (List<LabeledText> Train, List<LabeledText> Dev, List<LabeledText> Test) Splits(IReadOnlyList<LabeledText> rows) =>
        ([.. rows.Where(r => r.Split == Split.Train)], [.. rows.Where(r => r.Split == Split.Dev)], [.. rows.Where(r => r.Split == Split.Test)]);
}
