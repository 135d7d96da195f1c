using System.Globalization;
using System.Text;
using Guardrail.ML.Data;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Evaluation;

/// <summary>
/// Per-category figures of <c>eval toxicity</c>: every model on every dev and test split that carries its label, and
/// the team's supplement by functionality on its held-out templates. Each text is scored once, through
/// <see cref="ToxicityModels"/> as the proxy scores it.
/// </summary>
public static class CategoryEvaluation
{
    /// <summary>Categories the default policy acts on by itself, at their flag operating point (threat blocks, hate and insult flag).</summary>
    public static IReadOnlyList<string> Acting { get; } = ["hate", "threat", "insult"];

    /// <summary>One line of the per-category table.</summary>
    public sealed record Row(string Model, string Data, int Count, int Positives, string Metric, double AtFlag, double AtBlock);

    /// <summary>One line of the functionality table.</summary>
    /// <param name="Language">Language.</param>
    /// <param name="Functionality">Supplement class.</param>
    /// <param name="Count">Held-out rows.</param>
    /// <param name="Harmful">Whether the default policy should act on it.</param>
    /// <param name="Acted">Share on which hate, threat or insult reaches its flag point (the default policy would block or flag).</param>
    /// <param name="Category">The class's own category, or null for benign classes.</param>
    /// <param name="CategoryRate">Share on which that category reaches its flag point.</param>
    public sealed record FunctionalityRow(string Language, string Functionality, int Count, bool Harmful, double Acted, string? Category, double CategoryRate);

    /// <summary>Scores texts once per language.</summary>
    public sealed class ScoreCache(ToxicityModels models)
    {
        private readonly Dictionary<(string, string), ToxicityScore> _scores = [];

        /// <summary>The models scored with.</summary>
        public ToxicityModels Models => models;

        /// <summary>The scores of <paramref name="text"/> in <paramref name="language"/>, without explanations.</summary>
        public ToxicityScore Score(string text, string language)
        {
            if (!_scores.TryGetValue((text, language), out var s)) _scores[(text, language)] = s = models.Score(text, language, 0);
            return s;
        }
    }

    /// <summary>Every model against every dev and test split with its label.</summary>
    public static List<Row> PerCategory(ScoreCache cache, ToxicityData data)
    {
        var rows = new List<Row>();
        foreach (var model in cache.Models.Manifest.Models)
        {
            var source = model.Language == "zh" ? data.Chinese : data.English;
            foreach (var group in source.Where(r => r.Split != Split.Train && r.Label(model.Category) is not null)
                .GroupBy(r => (r.Source, r.Split)).OrderBy(g => g.Key.Split).ThenBy(g => g.Key.Source, StringComparer.Ordinal))
            {
                var list = group.ToList();
                var truth = list.Select(r => r.Label(model.Category) == true).ToList();
                var scores = list.Select(r => cache.Score(r.Text, model.Language)[model.Category]!).ToList();
                var p = scores.Select(s => s.Probability).ToList();
                var block = model.EffectiveBlockThreshold < 1f ? model.EffectiveBlockThreshold : float.PositiveInfinity;
                var (flagM, blockM) = (BinaryMetrics.Compute(truth, p, model.Threshold), BinaryMetrics.Compute(truth, p, block));
                var positives = truth.Count(t => t);
                var data1 = $"{group.Key.Source} ({Describe(group.Key.Split)})";
                if (positives > 0 && positives < truth.Count) rows.Add(new(model.Name, data1, list.Count, positives, "macro-F1", flagM.MacroF1, blockM.MacroF1));
                else if (positives == 0) rows.Add(new(model.Name, data1, list.Count, 0, "false-positive rate", flagM.FalsePositiveRate, blockM.FalsePositiveRate));
                else rows.Add(new(model.Name, data1, list.Count, positives, "detection rate", flagM.Recall, blockM.Recall));
            }
        }
        return rows;
    }

    /// <summary>The supplement's held-out templates (<see cref="Split.Test"/>) by functionality.</summary>
    public static List<FunctionalityRow> Functionalities(ScoreCache cache, ToxicityData data)
    {
        var rows = new List<FunctionalityRow>();
        foreach (var (language, source) in new[] { ("en", data.English), ("zh", data.Chinese) })
        {
            foreach (var g in source.Where(r => r.Source == SupplementLoader.Source && r.Split == Split.Test)
                .GroupBy(r => r.Functionality!).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var list = g.ToList();
                var category = CategoryOf(g.Key);
                var harmful = category is not null && category != "profanity";
                var scores = list.Select(r => cache.Score(r.Text, language)).ToList();
                var acted = scores.Count(s => Acting.Any(c => s[c]?.Exceeds == true)) / (double)list.Count;
                var own = category is null ? 0 : scores.Count(s => s[category]?.Exceeds == true) / (double)list.Count;
                rows.Add(new(language, g.Key, list.Count, harmful, acted, category, own));
            }
        }
        return rows;
    }

    /// <summary>The category a supplement class is an example of (null: benign).</summary>
    public static string? CategoryOf(string functionality) => functionality.Replace("obfuscated-", "", StringComparison.Ordinal) switch
    {
        "insult" => "insult",
        "threat" or "threat-group" => "threat",
        "negated-praise" or "dehumanising" => "hate",
        "profanity" => "profanity",
        _ => null,
    };

    /// <summary>Formats the per-category table.</summary>
    public static string Format(IEnumerable<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| model | data (split) | n | positive | metric | @flag | @block |");
        sb.AppendLine("|---|---|---:|---:|---|---:|---:|");
        foreach (var r in rows) sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Model} | {r.Data} | {r.Count} | {r.Positives} | {r.Metric} | {r.AtFlag:F3} | {r.AtBlock:F3} |");
        return sb.ToString();
    }

    /// <summary>Formats the functionality table.</summary>
    public static string Format(IEnumerable<FunctionalityRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| lang | functionality (held-out templates) | n | default policy should act | acted (hate, threat or insult ≥ flag) | own category | own category ≥ flag |");
        sb.AppendLine("|---|---|---:|---|---:|---|---:|");
        foreach (var r in rows)
        {
            var own = r.Category is null ? "— | —" : string.Create(CultureInfo.InvariantCulture, $"{r.Category} | {r.CategoryRate:F3}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Language} | {r.Functionality} | {r.Count} | {(r.Harmful ? "yes" : "no")} | {r.Acted:F3} | {own} |");
        }
        return sb.ToString();
    }

    private static string Describe(Split split) => split == Split.Dev ? "dev, tuning" : "test";
}
