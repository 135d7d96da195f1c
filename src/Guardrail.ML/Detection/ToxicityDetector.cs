using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.ML.Runtime;
using Guardrail.Text;
using Guardrail.Verdicts;

namespace Guardrail.ML.Detection;

/// <summary>
/// The toxicity classifier as a check: scores each sentence with its language's models, so findings carry
/// spans and the n-grams that contributed most; sentences in languages without a model are reported as
/// unchecked, never as safe. Scores are calibrated per language so that 0.5 is the flag and 0.8 the block
/// operating point chosen on dev data.
/// </summary>
public sealed class ToxicityDetector : IClassifier
{
    private readonly ToxicityModels _models;
    private readonly ToxicityOptions _options;

    /// <summary>Wraps loaded models.</summary>
    public ToxicityDetector(ToxicityModels models, ToxicityOptions options)
    {
        _models = models;
        _options = options;
        Models = new Dictionary<string, string> { ["toxicity"] = models.Version };
        Categories = models.Manifest.Models.Select(m => m.Category).Distinct().ToArray();
    }

    /// <inheritdoc />
    public string Name => ToxicityOptions.DetectorName;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Categories { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Models { get; }

    /// <inheritdoc />
    public IReadOnlyList<Signal> Detect(TextTarget target)
    {
        var text = target.Text;
        var signals = new List<Signal>();
        var budget = _options.MaxCharacters;
        foreach (var range in SentenceSplitter.Split(text))
        {
            var (start, length) = range.GetOffsetAndLength(text.Length);
            if (budget <= 0)
            {
                // Past the work budget nothing is scored; the verdict says exactly what was left.
                signals.Add(Signal.Unchecked($"work budget of {_options.MaxCharacters} characters reached; {text.Length - start} characters from offset {start} not scored", new TextSpan(start, text.Length)));
                break;
            }
            budget -= length;
            var sentenceText = text.Substring(start, length);
            // Guessed on the fold, as the models read it: full-width or look-alike letters ("уоu аrе") would make an
            // English sentence look Cyrillic or foreign and leave it unscored. Genuine Russian or Greek is not folded.
            var language = LanguageGuess.Guess(NormalizedText.CreateCased(sentenceText).Folded);
            if (language == LanguageGuess.None) continue;
            var span = Trim(text, start, start + length);
            if (!_models.Languages.Contains(language))
            {
                signals.Add(Signal.Unchecked($"unsupported language ({language})", span));
                continue;
            }
            var score = _models.Score(sentenceText, language, topContributions: 0);
            // Explanations cost a second pass; only sentences near a threshold need them.
            if (_options.TopContributions > 0 && score.Categories.Any(c => Calibrate(c.Probability, c.Threshold, c.BlockThreshold) >= _options.ExplainAbove))
            {
                score = _models.Score(sentenceText, language, _options.TopContributions);
            }
            foreach (var category in score.Categories)
            {
                var calibrated = Calibrate(category.Probability, category.Threshold, category.BlockThreshold);
                if (calibrated < _options.MinReportedScore) continue;
                // Evidence and explanations are built for scores a rule can act on; the rest only feed score metrics.
                signals.Add(calibrated >= _options.ExplainAbove
                    ? new Signal(category.Category, calibrated, span, Explain(category, language), Evidence(category, language))
                    : new Signal(category.Category, calibrated, span, BelowFlag));
            }
        }
        return signals;
    }

    /// <summary>The calibrated score of the flag operating point (the dev threshold that maximises macro-F1).</summary>
    public const double FlagScore = 0.5;

    /// <summary>The calibrated score of the block operating point (the dev threshold with precision ≥ 0.90).</summary>
    public const double BlockScore = 0.8;

    /// <summary>
    /// Maps a probability piecewise linearly through (0, 0), (flag, 0.5), (block, 0.8), (1, 1): monotonic, and the same
    /// rule threshold means the same operating point in every language. A block threshold of 1 (none reached the
    /// precision target on dev) keeps every score below 0.8, so such a model can flag but never block.
    /// </summary>
    public static double Calibrate(double probability, double flag, double block)
    {
        var p = Math.Clamp(probability, 0, 1);
        if (p < flag) return FlagScore * p / flag;
        if (block <= flag) block = flag;
        if (p < block || block >= 1) return FlagScore + (BlockScore - FlagScore) * (p - flag) / Math.Max(block - flag, 1e-9);
        return BlockScore + (1 - BlockScore) * (p - block) / (1 - block);
    }

    private const string BelowFlag = "Below the classifier's flag threshold.";

    private static TextSpan Trim(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        return new TextSpan(start, end);
    }

    private static string Explain(CategoryScore category, string language)
    {
        var top = category.Contributions.SelectMany(c => c.Ngrams).Take(3).Select(n => $"\"{n}\"");
        var why = category.Contributions.Count > 0 ? $"; most weight from {string.Join(", ", top)}" : "";
        return $"The {language} {category.Category} classifier scores this sentence {category.Probability:0.00} (flag at {category.Threshold:0.00}, block at {category.BlockThreshold:0.00}){why}.";
    }

    private static JsonObject Evidence(CategoryScore category, string language) => new()
    {
        ["language"] = language,
        ["probability"] = Math.Round(category.Probability, 4),
        ["flagThreshold"] = category.Threshold,
        ["blockThreshold"] = category.BlockThreshold,
        ["ngrams"] = new JsonArray(category.Contributions.Select(c => (JsonNode)new JsonObject
        {
            ["ngrams"] = new JsonArray(c.Ngrams.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
            ["contribution"] = Math.Round(c.Contribution, 4),
        }).ToArray()),
    };
}
