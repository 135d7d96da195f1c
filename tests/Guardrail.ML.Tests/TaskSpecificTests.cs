using Guardrail.ML.Data;
using Guardrail.ML.Evaluation;
using Guardrail.ML.Features;
using Guardrail.ML.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Guardrail.ML.Tests;

public class TaskSpecificTests
{
    [Fact]
    public void ClassWeights_PowerZeroIsUnweighted_PowerOneIsBalanced()
    {
        int[] labels = [0, 1, 1, 1, 2, 2, 2, 2, 2, 2];
        Assert.Equal([1f, 1f, 1f], MulticlassCandidate.ClassWeights(labels, 3, 0));
        var balanced = MulticlassCandidate.ClassWeights(labels, 3, 1);
        Assert.Equal(10 / 3.0, balanced[0], 5);
        Assert.Equal(10 / 9.0, balanced[1], 5);
        Assert.Equal(10 / 18.0, balanced[2], 5);
        // Each class then carries the same total weight.
        Assert.Equal(balanced[0] * 1, balanced[2] * 6, 4);
        Assert.Equal(MathF.Sqrt(balanced[0]), MulticlassCandidate.ClassWeights(labels, 3, 0.5)[0], 5);
        Assert.Equal(1f, MulticlassCandidate.ClassWeights([0, 0], 2, 1)[1]);
    }

    [Fact]
    public void ArgMax_TakesFirstOnTies()
    {
        Assert.Equal(1, MulticlassCandidate.ArgMax([0.1f, 0.7f, 0.2f]));
        Assert.Equal(0, MulticlassCandidate.ArgMax([0.5f, 0.5f, 0f]));
    }

    [Fact]
    public void Grid_CoversBothTrainersAndAllWeightings_DistinctDescriptions()
    {
        Assert.Equal(6, MulticlassCandidate.Grid.Count);
        Assert.Equal([0.0, 0.5, 1.0], MulticlassCandidate.Grid.Select(c => c.WeightPower).Distinct());
        Assert.Equal(MulticlassCandidate.Grid.Count, MulticlassCandidate.Grid.Select(c => c.Description).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    public void Multiclass_TinySyntheticSet_KeysMapBackToClassIds(int candidate)
    {
        var spec = new ModelSpec("t", "toxicity", "en", r => r.Toxic, new FeatureSettings { HashBits = 14 });
        string[] words = ["vermin", "idiot", "weather"];
        var rows = Enumerable.Range(0, 45).Select(i => new LabeledText($"{words[i % 3]} number {i}", "s", Split.Train, i % 3, i % 3 != 2, i % 3 == 0)).ToList();
        var features = ToxicityTraining.Featurize(spec, rows);
        var ml = new MLContext(seed: 1);
        var weights = MulticlassCandidate.ClassWeights([.. rows.Select(r => r.Class)], 3, 1);
        var view = FeatureData.Load(ml, TaskSpecificTraining.MulticlassRows(rows, features, spec.Features.Dimensions, weights), spec.Features.Dimensions);
        var model = MulticlassCandidate.Grid[candidate].Create(ml).Fit(view);

        var predicted = TaskSpecificTraining.Predict(ml, model, rows, features, spec.Features.Dimensions);

        Assert.Equal(rows.Select(r => r.Class), predicted);
        // Class 0 is learnt, not just the fallback of an untrained slot: its rows get most of the probability there.
        var scores = model.Transform(FeatureData.Load(ml, TaskSpecificTraining.MulticlassRows(rows, features, spec.Features.Dimensions, null), spec.Features.Dimensions)).GetColumn<float[]>("Score").ToList();
        Assert.All(Enumerable.Range(0, rows.Count).Where(i => rows[i].Class == 0), i => Assert.True(scores[i][0] > 0.5f, $"row {i}: {string.Join(' ', scores[i])}"));
        Assert.Equal(1.0, ClassMetrics.Compute([.. rows.Select(r => r.Class)], predicted, 3).WeightedF1);
    }

    [Fact]
    public void Decide_ThresholdOnOneClass_ElseArgMaxOfTheOthers()
    {
        float[] scores = [0.3f, 0.5f, 0.2f];
        Assert.Equal(1, MulticlassCandidate.Decide(scores, 0, null));
        Assert.Equal(0, MulticlassCandidate.Decide(scores, 0, 0.3f));
        Assert.Equal(1, MulticlassCandidate.Decide(scores, 0, 0.31f));
        // Below its threshold the class is out even when it has the top score.
        Assert.Equal(2, MulticlassCandidate.Decide([0.6f, 0.1f, 0.3f], 0, 0.7f));
        Assert.Equal(0, MulticlassCandidate.Decide([0.6f, 0.1f, 0.3f], 2, 0.7f));
    }

    [Fact]
    public void TuneThreshold_RecoversAnUnderPredictedClass()
    {
        // Class 0 never wins the arg-max, but its score separates it: 0.25 for class 0 rows, at most 0.1 otherwise.
        int[] truth = [0, 0, 1, 1, 1, 2, 2, 2];
        float[][] scores =
        [
            [0.25f, 0.45f, 0.30f], [0.25f, 0.30f, 0.45f],
            [0.10f, 0.80f, 0.10f], [0.05f, 0.60f, 0.35f], [0.00f, 0.90f, 0.10f],
            [0.10f, 0.20f, 0.70f], [0.05f, 0.35f, 0.60f], [0.00f, 0.10f, 0.90f],
        ];
        Assert.Equal(0, ClassMetrics.Compute(truth, [.. scores.Select(MulticlassCandidate.ArgMax)], 3).PerClassF1[0]);

        var (threshold, metrics) = MulticlassCandidate.TuneThreshold(truth, scores, 3, 0);

        Assert.Equal(0.11f, threshold, 3); // the lowest threshold that separates
        Assert.Equal(1.0, metrics.MacroF1);
    }

    [Fact]
    public void WordOnlyVariant_HasNoCharacterFeatures()
    {
        var settings = TaskSpecificTraining.MulticlassFeatureVariants.Single(v => v.Name == "words 1-3, idf").Settings;
        var spec = new ModelSpec("t", "toxicity", "en", r => r.Toxic, settings with { HashBits = 14 });
        var features = ToxicityTraining.Featurize(spec, [new LabeledText("you are a filthy rat", "s", Split.Train, 0, true, true)]);
        var (indices, values) = features[0];
        Assert.Equal(5 + 4 + 3, indices.Length); // 5 words, 4 bigrams, 3 trigrams (no hash collisions at 2^13 for these)
        Assert.All(indices, i => Assert.True(i < spec.Features.Dimensions / 2, $"index {i} is in the character block"));
        Assert.Equal(1.0, Math.Sqrt(values.Sum(v => (double)v * v)), 4);
    }

    [Fact]
    public void Multiclass_SearchesVariantsAndRules_ReportsTheDevChoice()
    {
        var spec = new ModelSpec("t", "toxicity", "en", r => r.Toxic, new FeatureSettings());
        string[] words = ["vermin", "idiot", "weather"];
        Split[] splits = [Split.Train, Split.Train, Split.Dev, Split.Test];
        var rows = Enumerable.Range(0, 120).Select(i => new LabeledText($"{words[i % 3]} number {i}", "s", splits[i / 3 % 4], i % 3, i % 3 != 2, i % 3 == 0)).ToList();
        var log = new StringWriter();
        (string, FeatureSettings)[] variants =
        [
            ("small words", new FeatureSettings { HashBits = 12, CharNgramMax = 0 }),
            ("small words idf", new FeatureSettings { HashBits = 12, CharNgramMax = 0, Weighting = FeatureWeighting.Idf }),
        ];

        var result = TaskSpecificTraining.Multiclass(spec, rows, 3, log, variants, [MulticlassCandidate.Grid[2]]);

        Assert.Equal(2, log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("small words; SdcaMaximumEntropy", result.Trainer, StringComparison.Ordinal);
        Assert.Equal(1.0, result.Dev.MacroF1);
        Assert.Equal(1.0, result.Test.MacroF1);
    }

    [Fact]
    public void Format_PrintsDashForMissingDevAndInvariantNumbers()
    {
        var table = TaskSpecificEvaluation.Format(
        [
            new("OLID", 860, "macro-F1", 0.75, 0.7234, "LinearSvm, threshold 0.40", "SVM 0.69"),
            new("COLD", 6431, "accuracy", 0.9, double.NaN, "x", "—"),
        ]);
        var lines = table.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.Equal("| OLID | 860 | macro-F1 | 0.750 | 0.723 | LinearSvm, threshold 0.40 | SVM 0.69 |", lines[2]);
        Assert.Equal("| COLD | 6431 | accuracy | 0.900 | — | x | — |", lines[3]);
    }
}
