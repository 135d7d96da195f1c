using Guardrail.ML.Features;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Guardrail.ML.Runtime;

/// <summary>One shipped model: its manifest entry, weights for explanations, and a pool of prediction engines.</summary>
/// <remarks>PredictionEngine is not thread-safe and costly to create, so engines are pooled rather than created per call or locked.</remarks>
internal sealed class LoadedModel
{
    private readonly ObjectPool<EngineSlot> _engines;

    public LoadedModel(MLContext ml, ManifestModel info, string modelsDir)
    {
        Info = info;
        var model = ml.Model.Load(Path.Combine(modelsDir, info.File), out _);
        Weights = LinearWeights.Find(model);
        if (Weights.Length != info.Features.Dimensions) throw new InvalidDataException($"{info.Name}: {Weights.Length} weights for {info.Features.Dimensions} features");
        if ((info.Features.Weighting is null) != (info.ScaleFile is null)) throw new InvalidDataException($"{info.Name}: feature weighting and scale file must come together");
        Scale = info.ScaleFile is null ? null : FeatureWeighting.Load(Path.Combine(modelsDir, info.ScaleFile), info.Features.Dimensions);
        var schema = ScoreInput.Schema(info.Features.Dimensions);
        var provider = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 2 };
        _engines = provider.Create(new EnginePolicy(() => ml.Model.CreatePredictionEngine<ScoreInput, ScoreOutput>(model, inputSchemaDefinition: schema)));
        // Create one engine now so the first request does not pay for it and load errors surface at startup.
        _engines.Return(_engines.Get());
    }

    public ManifestModel Info { get; }

    public float[] Weights { get; }

    /// <summary>Per-feature scales the model was trained with (null: none); its featurizer must apply them.</summary>
    public float[]? Scale { get; }

    /// <summary>The calibrated probability of <paramref name="features"/>.</summary>
    public float Predict(SparseFeatures features)
    {
        var slot = _engines.Get();
        try
        {
            slot.Input.Features = new VBuffer<float>(Info.Features.Dimensions, features.Count, features.ValueArray, features.IndexArray);
            slot.Engine.Predict(slot.Input, ref slot.Output);
            return slot.Output.Probability;
        }
        finally
        {
            // Drop the reference so a pooled engine does not keep another caller's buffers alive.
            slot.Input.Features = default;
            _engines.Return(slot);
        }
    }

    private sealed class EngineSlot(PredictionEngine<ScoreInput, ScoreOutput> engine)
    {
        public PredictionEngine<ScoreInput, ScoreOutput> Engine { get; } = engine;

        public ScoreInput Input { get; } = new();

        public ScoreOutput Output = new();
    }

    private sealed class EnginePolicy(Func<PredictionEngine<ScoreInput, ScoreOutput>> create) : PooledObjectPolicy<EngineSlot>
    {
        public override EngineSlot Create() => new(create());

        public override bool Return(EngineSlot obj) => true;
    }
}
