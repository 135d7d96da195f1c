using Guardrail.ML.Data;
using Guardrail.ML.Features;
using Guardrail.ML.Training;
using Microsoft.ML;

namespace Guardrail.ML.Tests;

public class TrainingTests
{
    [Fact]
    public void Sdca_TinySyntheticSet_DeterministicAndSeparates()
    {
        var spec = new ModelSpec("t", "toxicity", "en", r => r.Toxic, new FeatureSettings { HashBits = 16 });
        var rows = Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? new LabeledText($"you idiot number {i}", "s", Split.Train, 1, true, null)
            : new LabeledText($"lovely weather number {i}", "s", Split.Train, 0, false, null)).ToList();

        float[] Train()
        {
            var features = ToxicityTraining.Featurize(spec, rows);
            var ml = new MLContext(seed: 1);
            var candidate = TrainerCandidate.Grid[0];
            var view = FeatureData.Load(ml, rows.Select((r, i) => new FeatureRow
            {
                Label = r.Toxic == true,
                Features = new Microsoft.ML.Data.VBuffer<float>(spec.Features.Dimensions, features[i].Indices.Length, features[i].Values, features[i].Indices),
            }), spec.Features.Dimensions);
            var model = candidate.Create(ml).Fit(view);
            return ToxicityTraining.Score(ml, model, spec, rows, features).Select(s => s.Probability).ToArray();
        }

        var first = Train();
        Assert.Equal(first, Train());
        Assert.True(first.Where((_, i) => i % 2 == 0).Min() > first.Where((_, i) => i % 2 == 1).Max());
    }
}
