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
/// <remarks>
/// A sentence longer than its language's window (<see cref="WindowSettings"/>) is also scored window by window
/// (<see cref="SentenceWindows"/>), each window against its own operating points, and a category keeps the higher
/// score, whose span is then the window's: benign padding cannot dilute a toxic clause. Work is bounded by
/// <see cref="ToxicityOptions.MaxCharacters"/> per text: a sentence reaching past it is scored up to it and the rest,
/// like every later sentence, is reported unchecked (withheld under a fail-closed policy). Each character is featurised
/// at most three times (the sentence and two overlapping windows), and a sentence of n units gets at most
/// 2n/stride + 1 window predictions per model.
/// </remarks>
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
                signals.Add(BudgetReached(text, start));
                break;
            }
            // A sentence longer than what is left of the budget is scored up to the budget (windows included) and the
            // rest reported: one run-on sentence of a megabyte costs no more than a text of the budget's length.
            var scored = Math.Min(length, budget);
            if (scored < length && char.IsHighSurrogate(text[start + scored - 1])) scored--;
            budget -= length;
            if (scored > 0) ScoreSentence(text, start, scored, signals);
            if (scored < length)
            {
                signals.Add(BudgetReached(text, start + scored));
                break;
            }
        }
        return signals;
    }

    private Signal BudgetReached(string text, int from) =>
        Signal.Unchecked($"work budget of {_options.MaxCharacters} characters reached; {text.Length - from} characters from offset {from} not scored", new TextSpan(from, text.Length));

    private void ScoreSentence(string text, int start, int length, List<Signal> signals)
    {
        // Prepared once: the language is guessed on the fold, as the models read it (full-width or look-alike letters,
        // "уоu аrе", would make an English sentence look Cyrillic and leave it unscored; genuine Russian or Greek is not
        // folded), and windows are cut from it, so no character of the sentence is folded twice.
        var prepared = ToxicityText.PrepareMapped(text.Substring(start, length));
        var language = LanguageGuess.Guess(prepared.Folded);
        if (language == LanguageGuess.None) return;
        var span = Trim(text, start, start + length);
        if (!_models.Languages.Contains(language))
        {
            signals.Add(Signal.Unchecked($"unsupported language ({language})", span));
            return;
        }
        var folded = prepared.Folded;
        var windows = _options.ScoreWindows && _models.Windows.TryGetValue(language, out var geometry)
            ? SentenceWindows.Windows(folded, geometry.Size, geometry.Stride)
            : [];
        var scores = _models.ScoreSentence(folded, language, windows);
        var best = new List<Scored>(4);
        foreach (var c in scores[0].Categories) best.Add(new Scored(c, Calibrate(c.Probability, c.Threshold, c.BlockThreshold), null));
        // A sentence with more units than a window also gets each window's score; a category keeps the higher calibrated
        // score (sentence or window), so padding cannot dilute a clause and a window needs its own, stricter operating point.
        for (var w = 0; w < windows.Count; w++)
        {
            foreach (var c in scores[w + 1].Categories)
            {
                var i = IndexOf(best, c.Category);
                var calibrated = Calibrate(c.Probability, c.Threshold, c.BlockThreshold);
                if (i >= 0 && calibrated > best[i].Calibrated) best[i] = new Scored(c, calibrated, windows[w]);
            }
        }
        foreach (var (category, calibrated, window) in best)
        {
            if (calibrated < _options.MinReportedScore) continue;
            var where = span;
            if (window is { } w)
            {
                var (from, to) = prepared.ToOriginal(w.Start.Value, w.End.Value);
                where = Trim(text, start + from, start + to);
            }
            if (calibrated < _options.ExplainAbove)
            {
                signals.Add(new Signal(category.Category, calibrated, where, BelowFlag));
                continue;
            }
            // Explanations cost a second pass; only scores a rule can act on get them (evidence, n-grams).
            var explained = category;
            if (_options.TopContributions > 0)
            {
                var scope = window is { } r ? folded.AsSpan()[r] : folded;
                explained = _models.ExplainPrepared(scope.ToString(), language, category.Category, _options.TopContributions, window is not null)[category.Category] ?? category;
            }
            var windowLength = window is null ? (int?)null : where.Length;
            signals.Add(new Signal(category.Category, calibrated, where, Explain(explained, language, windowLength, quote: true), Evidence(explained, language, window is not null))
            {
                // A blocked or redacted finding travels with the response: it must not quote the words it withholds.
                WithheldExplanation = Explain(explained, language, windowLength, quote: false),
            });
        }
    }

    private readonly record struct Scored(CategoryScore Category, double Calibrated, Range? Window);

    // A loop, not FindIndex: a lambda capturing the category was allocated per window and category.
    private static int IndexOf(List<Scored> best, string category)
    {
        for (var i = 0; i < best.Count; i++)
        {
            if (best[i].Category.Category == category) return i;
        }
        return -1;
    }

    /// <summary>The calibrated score of the flag operating point (the dev threshold that maximises macro-F1).</summary>
    public const double FlagScore = 0.5;

    /// <summary>The calibrated score of the block operating point (the dev threshold with precision ≥ 0.90).</summary>
    public const double BlockScore = 0.8;

    /// <summary>
    /// Maps a probability piecewise linearly through (0, 0), (flag, 0.5), (block, 0.8), (1, 1): monotonic, and the same
    /// rule threshold means the same operating point in every language. A block threshold of 1 (none reached the
    /// precision target on dev) keeps every score below 0.8, so such a model can flag but never block; a flag threshold
    /// of 1 keeps every score below 0.5.
    /// </summary>
    public static double Calibrate(double probability, double flag, double block)
    {
        var p = Math.Clamp(probability, 0, 1);
        // A flag threshold of 1 (windows that never reached an operating point on dev) never flags, even at a saturated 1.
        if (flag >= 1) return Math.Min(FlagScore * p, Math.BitDecrement(FlagScore));
        if (p < flag) return FlagScore * p / flag;
        if (block <= flag) block = flag;
        // Without a block threshold even a saturated probability of 1 stays just below the block score.
        if (block >= 1) return Math.Min(FlagScore + (BlockScore - FlagScore) * (p - flag) / Math.Max(1 - flag, 1e-9), Math.BitDecrement(BlockScore));
        if (p < block) return FlagScore + (BlockScore - FlagScore) * (p - flag) / Math.Max(block - flag, 1e-9);
        return BlockScore + (1 - BlockScore) * (p - block) / (1 - block);
    }

    private const string BelowFlag = "Below the classifier's flag threshold.";

    private static TextSpan Trim(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        return new TextSpan(start, end);
    }

    private static string Explain(CategoryScore category, string language, int? windowLength, bool quote)
    {
        var top = category.Contributions.SelectMany(c => c.Ngrams).Take(3).Select(n => $"\"{n}\"");
        var why = quote && category.Contributions.Count > 0 ? $"; most weight from {string.Join(", ", top)}" : "";
        var what = windowLength is { } n ? $"a {n}-character window of this long sentence" : "this sentence";
        var points = windowLength is null ? "" : "window ";
        return $"The {language} {category.Category} classifier scores {what} {category.Probability:0.00} ({points}flag at {category.Threshold:0.00}, block at {category.BlockThreshold:0.00}){why}.";
    }

    private static JsonObject Evidence(CategoryScore category, string language, bool window) => new()
    {
        ["language"] = language,
        ["scope"] = window ? "window" : "sentence",
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
