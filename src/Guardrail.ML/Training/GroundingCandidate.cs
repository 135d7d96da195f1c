using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Guardrail.ML.Training;

/// <summary>One support-model trainer with fixed hyperparameters, compared with the others on dev.</summary>
/// <param name="Description">Trainer and hyperparameters, as recorded in the manifest.</param>
/// <param name="BalanceSets">Whether examples are weighted so that each data set carries the same total weight.</param>
/// <param name="Create">Builds the estimator; its output has a calibrated <c>Probability</c> column.</param>
public sealed record GroundingCandidate(string Description, bool BalanceSets, Func<MLContext, IEstimator<ITransformer>> Create)
{
    /// <summary>The grid compared on dev; every trainer runs single-threaded with a fixed seed, so training is deterministic.</summary>
    public static IReadOnlyList<GroundingCandidate> Grid { get; } =
    [
        Lbfgs(0.1f),
        Lbfgs(1f),
        FastTree(leaves: 4, trees: 100),
        FastTree(leaves: 8, trees: 100),
        FastTree(leaves: 4, trees: 300),
        Gam(iterations: 200, balance: true),
        Gam(iterations: 200, balance: false),
    ];

    private static GroundingCandidate Lbfgs(float l2) => new(
        $"LbfgsLogisticRegression(L2={l2}, L1=0, balanced sets)",
        true,
        ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            ExampleWeightColumnName = nameof(GroundingRow.Weight),
            L2Regularization = l2,
            L1Regularization = 0,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 500,
        }));

    private static GroundingCandidate FastTree(int leaves, int trees) => new(
        $"FastTree(leaves={leaves}, trees={trees}, learningRate=0.05, minLeaf=20, featureFraction=0.7, balanced sets)",
        true,
        ml => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            ExampleWeightColumnName = nameof(GroundingRow.Weight),
            NumberOfLeaves = leaves,
            NumberOfTrees = trees,
            LearningRate = 0.05,
            MinimumExampleCountPerLeaf = 20,
            FeatureFraction = 0.7,
            Seed = 1,
            NumberOfThreads = 1,
        }));

    private static GroundingCandidate Gam(int iterations, bool balance) => new(
        $"Gam(iterations={iterations}, learningRate=0.02, bins=32{(balance ? ", balanced sets" : ", unweighted")})",
        balance,
        ml => ml.BinaryClassification.Trainers.Gam(new GamBinaryTrainer.Options
        {
            ExampleWeightColumnName = balance ? nameof(GroundingRow.Weight) : null,
            NumberOfIterations = iterations,
            LearningRate = 0.02,
            MaximumBinCountPerFeature = 32,
            NumberOfThreads = 1,
            Seed = 1,
        }));
}

/// <summary>One support-model example as ML.NET sees it: a dense feature vector.</summary>
public sealed class GroundingRow
{
    /// <summary>Supported or not.</summary>
    public bool Label { get; set; }

    /// <summary>Example weight (per-set balance).</summary>
    public float Weight { get; set; } = 1f;

    /// <summary>The model's features, in manifest order.</summary>
    public float[] Features { get; set; } = [];
}
