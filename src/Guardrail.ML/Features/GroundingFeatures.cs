using Guardrail.Grounding;

namespace Guardrail.ML.Features;

/// <summary>
/// The support model's feature vector. The model was developed with four extra features on top of the first 15 core
/// ones; they now live in <see cref="SupportFeatures"/> (slots 15–18), so this class only names that vector for the
/// training and evaluation code.
/// </summary>
/// <remarks>
/// The extras were kept because they raised grouped cross-validated ROC-AUC on train+dev (never test); other candidates
/// (idf-weighted, length-weighted and two-sentence recall, missing-term runs, copy coverage, clause-level recall) did
/// not and were dropped. See models/grounding.md.
/// </remarks>
public static class GroundingFeatures
{
    /// <summary>The features added on top of the first 15, in vector order.</summary>
    public static IReadOnlyList<string> ExtraNames { get; } = [.. SupportFeatures.Names.Skip(CoreCount)];

    /// <summary>All feature names.</summary>
    public static IReadOnlyList<string> Names => SupportFeatures.Names;

    /// <summary>Length of the full vector.</summary>
    public static int Count => SupportFeatures.Count;

    /// <summary>The number of features before the extras.</summary>
    public const int CoreCount = 15;

    /// <summary>Allocating convenience for training and tests: analyses both texts and returns the full vector.</summary>
    public static float[] Compute(string claim, string source) => SupportFeatures.Compute(claim, source);

    /// <summary>Fills <paramref name="features"/> (length at least <see cref="Count"/>).</summary>
    public static SupportAlignment Compute(AnalyzedText claim, AnalyzedText source, Span<float> features) =>
        SupportFeatures.Compute(claim, source, features);
}
