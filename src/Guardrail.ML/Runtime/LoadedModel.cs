using Guardrail.ML.Features;
using Microsoft.ML;

namespace Guardrail.ML.Runtime;

/// <summary>One shipped model: its manifest entry and its linear scorer, evaluated directly on hashed features.</summary>
/// <remarks>
/// A toxicity model is a linear SVM with a Platt calibrator over sparse hashed n-grams. ML.NET's PredictionEngine costs
/// a few microseconds per call however few features a sentence has, which times sentences, windows and categories
/// made it most of the proxy's toxicity cost; the weights are read out of the model once at load and the sparse dot
/// product touches only a sentence's non-zero features. <c>LoadedModelTests</c> checks it against ML.NET's own prediction.
/// </remarks>
internal sealed class LoadedModel
{
    private readonly SupportFunction.Linear _scorer;

    public LoadedModel(MLContext ml, ManifestModel info, string modelsDir)
    {
        Info = info;
        var model = ml.Model.Load(Path.Combine(modelsDir, info.File), out _);
        try
        {
            _scorer = SupportFunction.Linear.Read(model, info.Features.Dimensions);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{info.Name}: {e.Message}", e);
        }
        if ((info.Features.Weighting is null) != (info.ScaleFile is null)) throw new InvalidDataException($"{info.Name}: feature weighting and scale file must come together");
        Scale = info.ScaleFile is null ? null : FeatureWeighting.Load(Path.Combine(modelsDir, info.ScaleFile), info.Features.Dimensions);
    }

    public ManifestModel Info { get; }

    public float[] Weights => _scorer.Weights;

    /// <summary>Per-feature scales the model was trained with (null: none); its featurizer must apply them.</summary>
    public float[]? Scale { get; }

    /// <summary>The calibrated probability of <paramref name="features"/>. Thread-safe and allocation-free.</summary>
    public float Predict(SparseFeatures features) => _scorer.Probability(features.Indices, features.Values);

    /// <summary>The model's bias (the raw score of no features).</summary>
    public float Bias => _scorer.Bias;

    /// <summary>The calibrated probability of a raw score.</summary>
    public float Calibrate(double raw) => _scorer.CalibratedProbability(raw);
}
