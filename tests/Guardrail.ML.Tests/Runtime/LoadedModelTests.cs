using Guardrail.ML.Features;
using Guardrail.ML.Runtime;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Guardrail.ML.Tests.Runtime;

public class LoadedModelTests
{
    private static readonly string[] Texts =
    [
        "You are a complete idiot and everyone knows it.",
        "The bridge opened in 1937 and carries six lanes of traffic.",
        "shut up you stupid piece of trash",
        "Thanks for the help, the fix worked on the first try!",
        "I will find where you live and I will kill you.",
        "You will regret this.",
        "Holy shit, what a game!",
        "他妈的你这个蠢货",
        "我知道你住哪，小心我弄死你。",
        "卧槽，这游戏太难了。",
        "这座桥于1937年通车。",
        "a",
    ];

    // The direct sparse dot product must give what ML.NET's own PredictionEngine gives for the same model and features,
    // or the shipped thresholds (tuned through ML.NET at training time) would mean something else at run time.
    [Fact]
    public void Predict_ShippedModels_MatchesMlNetPrediction()
    {
        var dir = ShippedModelTests.ModelsDir();
        var manifest = ToxicityManifest.Load(dir);
        var ml = new MLContext(seed: 1);
        Assert.NotEmpty(manifest.Models);
        foreach (var info in manifest.Models)
        {
            var loaded = new LoadedModel(ml, info, dir);
            var transformer = ml.Model.Load(Path.Combine(dir, info.File), out _);
            var schema = SchemaDefinition.Create(typeof(Input));
            schema[nameof(Input.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, info.Features.Dimensions);
            var engine = ml.Model.CreatePredictionEngine<Input, Output>(transformer, inputSchemaDefinition: schema);
            var featurizer = new NgramFeaturizer(info.Features, loaded.Scale);
            var features = new SparseFeatures();
            var distinct = new HashSet<float>();
            foreach (var text in Texts)
            {
                featurizer.Featurize(ToxicityText.Prepare(text), features);
                var expected = engine.Predict(new Input { Features = new VBuffer<float>(info.Features.Dimensions, features.Count, features.Values.ToArray(), features.Indices.ToArray()) }).Probability;
                var actual = loaded.Predict(features);
                Assert.True(Math.Abs(expected - actual) < 1e-4, $"{info.Name} on '{text}': ML.NET {expected}, direct {actual}");
                distinct.Add(MathF.Round(actual, 3));
            }
            // Texts this different must not all score alike, or the comparison would prove nothing.
            Assert.True(distinct.Count >= 3, $"{info.Name}: scores {string.Join(", ", distinct)}");
        }
    }

    private sealed class Input
    {
        public VBuffer<float> Features { get; set; }
    }

    private sealed class Output
    {
        public float Score { get; set; }

        public float Probability { get; set; }
    }
}
