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
    /// <summary>
    /// Whether positives are weighted up to carry as much training weight as negatives. Insult, threat and profanity
    /// have few positives (2–4% of their rows); unweighted, their calibrated probabilities stay near 0 and the dev
    /// threshold lands on the grid's floor.
    /// </summary>
    public bool BalanceClasses { get; init; }

    /// <summary>Whether trainer and flag threshold are chosen by macro-F1 on all dev rows pooled (<see cref="ThresholdTuner.TunePooled"/>) rather than the per-source mean.</summary>
    public bool TunePooled { get; init; }

    /// <summary>The categories every language ships a model for: the umbrella first, then the ones people configure.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["toxicity", "insult", "hate", "threat", "profanity"];

    /// <summary>
    /// Feature settings of every shipped model: 2^18 dimensions keep the ten zips and their weights small; context
    /// features (negation, reported speech, quotation) three words either side.
    /// </summary>
    public static FeatureSettings Shipped { get; } = new() { HashBits = 18, ContextWindow = 3 };

    /// <summary>The shipped models: one binary model per category and language (<c>insult-en</c>, <c>threat-zh</c>, …).</summary>
    /// <remarks>
    /// One model per category rather than one multiclass model: a text can be an insult and a threat at once, each
    /// category gets its own operating points, and models of one language with equal settings still share one
    /// featurisation at run time (their weights are interleaved).
    /// </remarks>
    public static IReadOnlyList<ModelSpec> All { get; } =
        [.. new[] { "en", "zh" }.SelectMany(language => Categories.Select(category =>
            new ModelSpec($"{category}-{language}", category, language, r => r.Label(category), Shipped)
            {
                BalanceClasses = category is "insult" or "threat" or "profanity",
                TunePooled = category is "insult" or "threat" or "profanity",
            }))];
}
