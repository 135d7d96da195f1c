using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Guardrail.ML.Runtime;

/// <summary>
/// The trained support model's parameters, read out of the ML.NET transformer and evaluated directly: a raw score
/// (linear, tree ensemble or GAM) through the Platt calibrator. No PredictionEngine, no allocation, thread-safe.
/// </summary>
/// <remarks>
/// ML.NET's per-row prediction costs microseconds and needs pooled engines; these models are a few hundred numbers, so
/// they are copied into arrays once at load. Training checks that both paths give the same probability on every dev row.
/// </remarks>
internal abstract class SupportFunction
{
    private readonly double _slope;
    private readonly double _offset;

    protected SupportFunction(double slope, double offset)
    {
        _slope = slope;
        _offset = offset;
    }

    /// <summary>Short kind name for messages.</summary>
    public abstract string Kind { get; }

    /// <summary>The uncalibrated score of <paramref name="x"/> (model inputs, in manifest order).</summary>
    public abstract double Raw(ReadOnlySpan<float> x);

    /// <summary>The calibrated probability (ML.NET's Platt form: 1 / (1 + e^(slope·raw + offset))).</summary>
    public float Probability(ReadOnlySpan<float> x) => Calibrated(Raw(x));

    private protected float Calibrated(double raw) => (float)(1 / (1 + Math.Exp(_slope * raw + _offset)));

    /// <summary>Reads the parameters of the binary predictor inside <paramref name="model"/>, which expects <paramref name="inputs"/> features.</summary>
    public static SupportFunction From(ITransformer model, int inputs)
    {
        var predictors = Flatten(model).OfType<ISingleFeaturePredictionTransformer<object>>().Select(p => p.Model).ToList();
        var predictor = predictors.LastOrDefault() ?? throw new InvalidDataException("the model holds no binary predictor");
        object sub;
        PlattCalibrator calibrator;
        if (predictor is PlattCalibrator separate && predictors.Count >= 2)
        {
            // A raw scorer followed by its own calibration step (trainer, then ml.BinaryClassification.Calibrators.Platt).
            (sub, calibrator) = (predictors[^2], separate);
        }
        else
        {
            // Calibrated predictors wrap the scorer; after loading, only the non-generic view is reliable, hence reflection.
            sub = Property(predictor, "SubModel") ?? throw new InvalidDataException($"the predictor {predictor.GetType().Name} is not calibrated");
            calibrator = Property(predictor, "Calibrator") as PlattCalibrator
                ?? throw new InvalidDataException("the predictor's calibrator is not Platt");
        }
        var (slope, offset) = (calibrator.Slope, calibrator.Offset);
        return sub switch
        {
            LinearBinaryModelParameters linear => new Linear(linear, inputs, slope, offset),
            FastTreeBinaryModelParameters trees => new Trees(trees.TrainedTreeEnsemble, inputs, slope, offset),
            GamBinaryModelParameters gam => new Gam(gam, inputs, slope, offset),
            _ => throw new InvalidDataException($"unsupported predictor {sub.GetType().Name}"),
        };
    }

    // Generic bases declare SubModel and Calibrator more than once; the first match, from the most derived type, is the live one.
    private static object? Property(object o, string name) =>
        o.GetType().GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).FirstOrDefault(p => p.Name == name)?.GetValue(o);

    private static IEnumerable<ITransformer> Flatten(ITransformer t) =>
        t is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [t];

    internal sealed class Linear : SupportFunction
    {
        /// <summary>The calibrated linear model inside <paramref name="model"/> (toxicity and prompt-attack models), or an error naming what it holds.</summary>
        public static Linear Read(ITransformer model, int inputs) =>
            From(model, inputs) as Linear ?? throw new InvalidDataException("the model holds no calibrated linear predictor");

        private readonly float[] _weights;
        private readonly float _bias;

        public Linear(LinearBinaryModelParameters p, int inputs, double slope, double offset) : base(slope, offset)
        {
            _weights = p.Weights.ToArray();
            _bias = p.Bias;
            if (_weights.Length != inputs) throw new InvalidDataException($"linear model has {_weights.Length} weights for {inputs} features");
        }

        public override string Kind => "linear";

        /// <summary>The weights, one per feature (for explanations).</summary>
        public float[] Weights => _weights;

        /// <summary>The bias of the raw score.</summary>
        public float Bias => _bias;

        /// <summary>The calibrated probability of a raw score computed elsewhere (the detector's window dot products).</summary>
        public float CalibratedProbability(double raw) => Calibrated(raw);

        /// <summary>The calibrated probability of a sparse vector: the dot product touches only its non-zero features.</summary>
        public float Probability(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
        {
            double s = _bias;
            for (var i = 0; i < indices.Length; i++) s += _weights[indices[i]] * values[i];
            return Calibrated(s);
        }

        public override double Raw(ReadOnlySpan<float> x)
        {
            double s = _bias;
            for (var i = 0; i < _weights.Length; i++) s += _weights[i] * x[i];
            return s;
        }
    }

    private sealed class Trees : SupportFunction
    {
        // All trees' nodes in flat arrays: node k of tree t is at _start[t] + k; a negative child ~j is leaf j of that tree.
        private readonly int[] _start;
        private readonly int[] _leafStart;
        private readonly int[] _feature;
        private readonly float[] _threshold;
        private readonly int[] _lt;
        private readonly int[] _gt;
        private readonly double[] _leaf;
        private readonly double _bias;

        public Trees(RegressionTreeEnsemble ensemble, int inputs, double slope, double offset) : base(slope, offset)
        {
            var trees = ensemble.Trees;
            _start = new int[trees.Count];
            _leafStart = new int[trees.Count];
            List<int> feature = [], lt = [], gt = [];
            List<float> threshold = [];
            List<double> leaf = [];
            for (var t = 0; t < trees.Count; t++)
            {
                var tree = trees[t];
                var weight = ensemble.TreeWeights[t];
                if (tree.CategoricalSplitFlags.Any(c => c)) throw new InvalidDataException("categorical tree splits are not supported");
                _start[t] = feature.Count;
                _leafStart[t] = leaf.Count;
                feature.AddRange(tree.NumericalSplitFeatureIndexes);
                threshold.AddRange(tree.NumericalSplitThresholds);
                lt.AddRange(tree.LeftChild);
                gt.AddRange(tree.RightChild);
                leaf.AddRange(tree.LeafValues.Select(v => v * weight));
            }
            if (feature.Any(f => f < 0 || f >= inputs)) throw new InvalidDataException($"a tree splits on a feature outside 0..{inputs - 1}");
            (_feature, _threshold, _lt, _gt, _leaf, _bias) = ([.. feature], [.. threshold], [.. lt], [.. gt], [.. leaf], ensemble.Bias);
        }

        public override string Kind => "trees";

        public override double Raw(ReadOnlySpan<float> x)
        {
            var s = _bias;
            for (var t = 0; t < _start.Length; t++)
            {
                var node = 0;
                var baseIndex = _start[t];
                // A tree with a single leaf has no nodes.
                if (t + 1 < _start.Length ? _start[t + 1] == baseIndex : _feature.Length == baseIndex)
                {
                    s += _leaf[_leafStart[t]];
                    continue;
                }
                while (node >= 0)
                {
                    var k = baseIndex + node;
                    node = x[_feature[k]] <= _threshold[k] ? _lt[k] : _gt[k];
                }
                s += _leaf[_leafStart[t] + ~node];
            }
            return s;
        }
    }

    private sealed class Gam : SupportFunction
    {
        private readonly double[][] _upper;
        private readonly double[][] _effect;
        private readonly double _bias;

        public Gam(GamBinaryModelParameters p, int inputs, double slope, double offset) : base(slope, offset)
        {
            if (p.NumberOfShapeFunctions != inputs) throw new InvalidDataException($"GAM has {p.NumberOfShapeFunctions} shape functions for {inputs} features (a constant feature was dropped)");
            _upper = Enumerable.Range(0, inputs).Select(i => p.GetBinUpperBounds(i).ToArray()).ToArray();
            _effect = Enumerable.Range(0, inputs).Select(i => p.GetBinEffects(i).ToArray()).ToArray();
            _bias = p.Bias;
        }

        public override string Kind => "gam";

        public override double Raw(ReadOnlySpan<float> x)
        {
            var s = _bias;
            for (var i = 0; i < _upper.Length; i++)
            {
                // The effect of the first bin whose upper bound is at least the value.
                var bounds = _upper[i];
                var v = (double)x[i];
                int lo = 0, hi = bounds.Length - 1;
                while (lo < hi)
                {
                    var mid = (lo + hi) >> 1;
                    if (bounds[mid] >= v) hi = mid; else lo = mid + 1;
                }
                s += _effect[i][lo];
            }
            return s;
        }
    }
}
