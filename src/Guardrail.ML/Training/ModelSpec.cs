using Guardrail.ML.Data;
using Guardrail.ML.Features;

namespace Guardrail.ML.Training;

/// <summary>What one shipped model is trained on: its name, category, language and the label it learns.</summary>
/// <param name="Name">Model name and file stem, e.g. <c>toxicity-en</c>.</param>
/// <param name="Category">Verdict score category, e.g. <c>toxicity</c>.</param>
/// <param name="Language">Language code the model serves.</param>
/// <param name="Label">The label of an example for this model, or null when the example says nothing about it.</param>
/// <param name="Features">Feature settings.</param>
public sealed record ModelSpec(string Name, string Category, string Language, Func<LabeledText, bool?> Label, FeatureSettings Features)
{
    /// <summary>The three shipped models.</summary>
    public static IReadOnlyList<ModelSpec> All { get; } =
    [
        new("toxicity-en", "toxicity", "en", r => r.Toxic, new FeatureSettings()),
        new("hate-en", "hate", "en", r => r.Hate, new FeatureSettings()),
        new("toxicity-zh", "toxicity", "zh", r => r.Toxic, new FeatureSettings { CjkNgramMin = 1, CjkNgramMax = 3 }),
    ];
}
