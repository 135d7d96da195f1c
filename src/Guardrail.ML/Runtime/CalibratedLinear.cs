using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Guardrail.ML.Runtime;

/// <summary>
/// A calibrated linear model's parameters read out of an ML.NET transformer and evaluated directly on sparse features:
/// a dot product over the text's non-zero features and the Platt calibrator. No PredictionEngine, no allocation, thread-safe.
/// </summary>
/// <remarks>
/// A pooled PredictionEngine costs microseconds per call and copies the whole feature vector; a hashed n-gram text has a
/// few thousand non-zero features out of 2^18, so the sum over those is the whole cost. Training checks that this path and
/// ML.NET's own give the same probability on every dev row.
/// </remarks>
public sealed class CalibratedLinear
{
    private readonly float[] _weights;
    private readonly float _bias;
    private readonly double _slope;
    private readonly double _offset;

    private CalibratedLinear(float[] weights, float bias, double slope, double offset) => (_weights, _bias, _slope, _offset) = (weights, bias, slope, offset);

    /// <summary>The weights, one per feature, for explanations.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>Reads the calibrated linear predictor inside <paramref name="model"/>, which must have <paramref name="dimensions"/> weights.</summary>
    public static CalibratedLinear From(ITransformer model, int dimensions)
    {
        // A calibrated trainer (SDCA, L-BFGS) yields one predictor holding the linear model and its calibrator; an
        // uncalibrated one followed by Platt (LinearSvm) yields two. After loading, calibrated predictors are only
        // reliable through their non-generic properties, hence reflection.
        var models = Chain(model).OfType<ISingleFeaturePredictionTransformer<object>>().Select(p => p.Model).ToList();
        var linear = models.Select(m => m as LinearBinaryModelParameters ?? Get(m, "SubModel") as LinearBinaryModelParameters).LastOrDefault(l => l is not null)
            ?? throw new InvalidDataException("the model holds no linear binary predictor");
        var platt = models.Select(m => m as PlattCalibrator ?? Get(m, "Calibrator") as PlattCalibrator).LastOrDefault(c => c is not null)
            ?? throw new InvalidDataException("the model holds no Platt calibrator");
        var weights = linear.Weights.ToArray();
        if (weights.Length != dimensions) throw new InvalidDataException($"linear model has {weights.Length} weights for {dimensions} features");
        return new CalibratedLinear(weights, linear.Bias, platt.Slope, platt.Offset);
    }

    /// <summary>The margin (bias plus weights times features) of a sparse vector.</summary>
    public double Margin(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        double s = _bias;
        for (var i = 0; i < indices.Length; i++) s += _weights[indices[i]] * values[i];
        return s;
    }

    /// <summary>The calibrated probability of a sparse vector (ML.NET's Platt form: 1 / (1 + e^(slope·margin + offset))).</summary>
    public float Probability(ReadOnlySpan<int> indices, ReadOnlySpan<float> values) => ProbabilityOfMargin(Margin(indices, values));

    /// <summary>The bias (the margin of no features).</summary>
    public float Bias => _bias;

    /// <summary>The calibrated probability of a margin computed elsewhere (windows scored from gathered weights).</summary>
    public float ProbabilityOfMargin(double margin) => (float)(1 / (1 + Math.Exp(_slope * margin + _offset)));

    private static object? Get(object o, string name) =>
        o.GetType().GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).FirstOrDefault(p => p.Name == name)?.GetValue(o);

    private static IEnumerable<ITransformer> Chain(ITransformer t) => t is IEnumerable<ITransformer> chain ? chain.SelectMany(Chain) : [t];
}
