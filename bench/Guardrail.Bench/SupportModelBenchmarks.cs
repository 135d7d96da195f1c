using BenchmarkDotNet.Attributes;
using Guardrail.Grounding;
using Guardrail.ML.Features;
using Guardrail.ML.Runtime;
using Guardrail.ML.Training;
using Guardrail.Testing;
using Microsoft.ML;

namespace Guardrail.Bench;

/// <summary>
/// The grounding support model in the hot path, once per (claim, source) pair: scoring a feature vector with the
/// extracted parameters, the same through an ML.NET PredictionEngine for comparison, and the alignment features
/// (core alone, and core plus the model's four extras) of a one-sentence claim against a ~1 KB source.
/// </summary>
[Config(typeof(BenchConfig))]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
[MemoryDiagnoser]
public class SupportModelBenchmarks
{
    private const string Claim = "The Eiffel Tower, completed in 1889, is 330 metres tall and was designed by Gustave Eiffel's company.";

    private SupportModel _model = null!;
    private float[] _features = null!;
    private AnalyzedText _claim = null!;
    private AnalyzedText _source = null!;
    private PredictionEngine<GroundingRow, Prediction> _engine = null!;
    private GroundingRow _row = null!;

    [GlobalSetup]
    public void Setup()
    {
        var models = Path.Combine(RepoPaths.Root, "models");
        _model = SupportModel.Load(models);
        var source = string.Concat(Enumerable.Repeat(BenchTexts.Answer, 1024 / BenchTexts.Answer.Length + 1))[..1024]
            + " The Eiffel Tower was completed in 1889 and is 330 metres tall.";
        _claim = AnalyzedText.Analyze(Claim, sentences: false);
        _source = AnalyzedText.Analyze(source);
        _features = new float[SupportFeatures.Count];
        SupportFeatures.Compute(_claim, _source, _features);
        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(Path.Combine(models, _model.Manifest.File), out _);
        var inputs = _model.Manifest.Features.Select(f => SupportFeatures.Names.ToList().IndexOf(f)).ToArray();
        _row = new GroundingRow { Features = inputs.Select(i => _features[i]).ToArray() };
        _engine = ml.Model.CreatePredictionEngine<GroundingRow, Prediction>(transformer, inputSchemaDefinition: FeatureData.Schema<GroundingRow>(inputs.Length));
    }

    [Benchmark(Baseline = true)]
    public float Score_Direct() => _model.Score(_features);

    [Benchmark]
    public float Score_PredictionEngine() => _engine.Predict(_row).Probability;

    [Benchmark]
    public float Features_Core()
    {
        Span<float> f = stackalloc float[SupportFeatures.Count];
        SupportFeatures.Compute(_claim, _source, f);
        return f[0];
    }

    [Benchmark]
    public float Features_WithExtras_AndScore() => _model.Score(_claim, _source);

    /// <summary>Prediction engine output.</summary>
    public sealed class Prediction
    {
        /// <summary>Calibrated probability.</summary>
        public float Probability { get; set; }
    }
}
