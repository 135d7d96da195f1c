using Guardrail.ML.Runtime;
using Guardrail.ML.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Guardrail.ML.Tests.Grounding;

public class SupportFunctionTests
{
    // A tiny separable-with-noise set: the label follows feature 0 and 3, the rest is noise.
    private static List<GroundingRow> Rows(int n, int dims)
    {
        var random = new Random(7);
        return Enumerable.Range(0, n).Select(i =>
        {
            var x = Enumerable.Range(0, dims).Select(_ => (float)random.NextDouble()).ToArray();
            return new GroundingRow { Label = x[0] + 0.5 * x[3] + 0.3 * random.NextDouble() > 0.9, Weight = i % 3 == 0 ? 2f : 1f, Features = x };
        }).ToList();
    }

    [Fact]
    public void Probability_EveryTrainerOfTheGrid_MatchesMlNetAfterSaveAndLoad()
    {
        const int dims = 6;
        var rows = Rows(300, dims);
        foreach (var candidate in GroundingCandidate.Grid)
        {
            var ml = new MLContext(seed: 1);
            var view = ml.Data.LoadFromEnumerable(rows, FeatureData.Schema<GroundingRow>(dims));
            var path = Path.Combine(Directory.CreateTempSubdirectory("support-fn-").FullName, "m.zip");
            ml.Model.Save(candidate.Create(ml).Fit(view), view.Schema, path);
            var loaded = ml.Model.Load(path, out _);
            var expected = loaded.Transform(view).GetColumn<float>("Probability").ToArray();

            var direct = SupportFunction.From(loaded, dims);

            for (var i = 0; i < rows.Count; i++)
            {
                Assert.True(Math.Abs(direct.Probability(rows[i].Features) - expected[i]) < 1e-5, $"{candidate.Description} row {i}: {direct.Probability(rows[i].Features)} vs {expected[i]}");
            }
        }
    }
}
