using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Guardrail.ML.Training;

/// <summary>One trainer with fixed hyperparameters, compared with the others on dev.</summary>
/// <param name="Description">Trainer and hyperparameters, as recorded in the manifest.</param>
/// <param name="BalanceSources">Whether examples are weighted so each source carries the same total weight.</param>
/// <param name="Create">Builds the estimator; its output has a calibrated <c>Probability</c> column.</param>
public sealed record TrainerCandidate(string Description, bool BalanceSources, Func<MLContext, IEstimator<ITransformer>> Create)
{
    /// <summary>The grid compared on dev. Every trainer runs single-threaded so training is deterministic.</summary>
    public static IReadOnlyList<TrainerCandidate> Grid { get; } =
    [
        Sdca(3e-6f, balance: true),
        Sdca(1e-5f, balance: true),
        Sdca(1e-5f, balance: false),
        Lbfgs(0.1f, balance: true),
        Lbfgs(0.3f, balance: true),
        Svm(1e-5f, balance: true),
        Svm(3e-5f, balance: true),
    ];

    private static TrainerCandidate Sdca(float l2, bool balance) => new(
        $"SdcaLogisticRegression(L2={l2}, L1=0, iterations=30{(balance ? ", balanced sources" : "")})",
        balance,
        ml => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
        {
            ExampleWeightColumnName = nameof(FeatureRow.Weight),
            L2Regularization = l2,
            L1Regularization = 0,
            MaximumNumberOfIterations = 30,
            NumberOfThreads = 1,
        }));

    private static TrainerCandidate Lbfgs(float l2, bool balance) => new(
        $"LbfgsLogisticRegression(L2={l2}, L1=0{(balance ? ", balanced sources" : "")})",
        balance,
        ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            ExampleWeightColumnName = nameof(FeatureRow.Weight),
            L2Regularization = l2,
            L1Regularization = 0,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 200,
        }));

    private static TrainerCandidate Svm(float lambda, bool balance) => new(
        $"LinearSvm(lambda={lambda}, iterations=30{(balance ? ", balanced sources" : "")}) + Platt",
        balance,
        ml => ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
        {
            ExampleWeightColumnName = nameof(FeatureRow.Weight),
            Lambda = lambda,
            NumberOfIterations = 30,
        }).Append(ml.BinaryClassification.Calibrators.Platt()));
}
