using System.Globalization;
using System.Text;
using Guardrail.ML.Data;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Evaluation;

/// <summary>Measures the shipped models on the report splits next to published figures; the <c>eval toxicity</c> command.</summary>
/// <remarks>
/// Scores go through <see cref="ToxicityModels"/>, the same path the proxy uses, with the manifest's thresholds: every
/// threshold-dependent figure is given at the flag threshold (F1-optimal on dev; the published comparisons use it) and
/// at the stricter block threshold (precision ≥ 0.90 on pooled dev).
/// </remarks>
public static class ToxicityEvaluation
{
    /// <summary>
    /// Benign sentences that merely look risky (violent verbs in technical senses, slang, idioms), scored in the model card.
    /// A fixed list, not a test set: it shows where the models still over-flag; nothing was tuned on it.
    /// </summary>
    public static IReadOnlyList<(string Text, string Language)> RiskyBenign { get; } =
    [
        ("How do I kill a Python process?", "en"),
        ("This printer setup is idiot-proof.", "en"),
        ("Paris is the capital of France.", "en"),
        ("We will shoot a photo of the team at noon.", "en"),
        ("This beat is sick!", "en"),
        ("I hate Mondays.", "en"),
        ("The model is a die-cast replica of a 1960s sports car.", "en"),
        ("Use git blame to find who broke the build.", "en"),
        ("The child process is killed when the parent dies.", "en"),
        ("Terminate the thread and execute the next job.", "en"),
        ("That comedian absolutely killed it last night.", "en"),
        ("The attack surface of the API is small.", "en"),
        ("如何杀死进程？", "zh"),
        ("这个bug真要命。", "zh"),
        ("今天的会议改到下午三点。", "zh"),
    ];

    /// <summary>Evaluates the models in <paramref name="modelsDir"/> on the data under <paramref name="dataDir"/>, prints the tables, returns the metric rows.</summary>
    public static IReadOnlyList<EvaluationRow> Run(string dataDir, string modelsDir, TextWriter output)
    {
        var models = ToxicityModels.Load(modelsDir);
        var data = ToxicityData.Load(dataDir);
        var cache = new CategoryEvaluation.ScoreCache(models);
        var rows = new List<EvaluationRow>();
        var en = data.English;

        var olid = Pick(en, "tweeteval-offensive", Split.Test);
        var tox = Binary(cache, olid, "en", "toxicity", r => r.Toxic == true);
        AddBinary(rows, "TweetEval-offensive / OLID (test)", "toxicity-en", tox, "SVM 0.69, CNN 0.80, best 0.829");

        var hatEval = Pick(en, "tweeteval-hate", Split.Test);
        var hate = Binary(cache, hatEval, "en", "hate", r => r.Hate == true);
        var overlap = TweetEvalLoader.HateTestOverlap(dataDir);
        AddBinary(rows, $"TweetEval-hate (test minus {overlap} rows also in train)", "hate-en", hate, "SVM 0.367, FastText 0.506, BERTweet 0.564");

        var davidson = Pick(en, "davidson", Split.Test);
        var (three, threeBlock) = (Davidson(cache, davidson, block: false), Davidson(cache, davidson, block: true));
        rows.Add(new("Davidson (15% hash held-out)", "hate-en + toxicity-en", davidson.Count, "weighted F1 (3 classes)", three.WeightedF1, "LR 0.90 (10% random holdout)", threeBlock.WeightedF1));
        rows.Add(new("Davidson (15% hash held-out)", "hate-en + toxicity-en", davidson.Count, "hate-class F1", three.PerClassF1[0], "LR 0.51", threeBlock.PerClassF1[0]));

        var storm = Pick(en, "stormfront", Split.Test);
        var stormHate = Binary(cache, storm, "en", "hate", r => r.Hate == true);
        rows.Add(new("Stormfront (15% hash held-out)", "hate-en", storm.Count, "macro-F1", stormHate.Flag.MacroF1, "— (paper used a balanced subset)", stormHate.Block.MacroF1));

        var benign = Pick(en, "benign", Split.Test);
        var benignTox = Binary(cache, benign, "en", "toxicity", _ => false);
        var benignHate = Binary(cache, benign, "en", "hate", _ => false);
        rows.Add(new("Benign assistant-style text (15% hash held-out)", "toxicity-en", benign.Count, "false-positive rate", benignTox.Flag.FalsePositiveRate, "—", benignTox.Block.FalsePositiveRate));
        rows.Add(new("Benign assistant-style text (15% hash held-out)", "hate-en", benign.Count, "false-positive rate", benignHate.Flag.FalsePositiveRate, "—", benignHate.Block.FalsePositiveRate));

        var cold = Pick(data.Chinese, "cold", Split.Test);
        var zh = Binary(cache, cold, "zh", "toxicity", r => r.Toxic == true);
        rows.Add(new("COLD (official dev.csv)", "toxicity-zh", cold.Count, "accuracy", zh.Flag.Accuracy, "COLDetector 0.81 (on test)", zh.Block.Accuracy));
        AddBinary(rows, "COLD (official dev.csv)", "toxicity-zh", zh, "—");
        var coldSafe = cold.Where(r => r.Toxic != true).ToList();
        var zhSafe = Binary(cache, coldSafe, "zh", "toxicity", _ => false);
        rows.Add(new("COLD safe rows only (official dev.csv; no Chinese benign assistant text)", "toxicity-zh", coldSafe.Count, "false-positive rate", zhSafe.Flag.FalsePositiveRate, "—", zhSafe.Block.FalsePositiveRate));

        // Dev figures, on which trainer and thresholds were chosen, show how far test falls from dev.
        var olidDev = Binary(cache, Pick(en, "tweeteval-offensive", Split.Dev), "en", "toxicity", r => r.Toxic == true);
        rows.Add(new("TweetEval-offensive (val, tuning)", "toxicity-en", olidDev.Flag.Count, "macro-F1", olidDev.Flag.MacroF1, "—", olidDev.Block.MacroF1));
        var hateDev = Binary(cache, Pick(en, "tweeteval-hate", Split.Dev), "en", "hate", r => r.Hate == true);
        rows.Add(new("TweetEval-hate (val, tuning)", "hate-en", hateDev.Flag.Count, "macro-F1", hateDev.Flag.MacroF1, "—", hateDev.Block.MacroF1));
        var davDev = Pick(en, "davidson", Split.Dev);
        rows.Add(new("Davidson (15% hash dev, tuning)", "hate-en + toxicity-en", davDev.Count, "hate-class F1", Davidson(cache, davDev, false).PerClassF1[0], "—", Davidson(cache, davDev, true).PerClassF1[0]));
        var benignDev = Pick(en, "benign", Split.Dev);
        var benignDevTox = Binary(cache, benignDev, "en", "toxicity", _ => false);
        rows.Add(new("Benign (15% hash dev, tuning)", "toxicity-en", benignDev.Count, "false-positive rate", benignDevTox.Flag.FalsePositiveRate, "—", benignDevTox.Block.FalsePositiveRate));
        var coldDev = Binary(cache, Pick(data.Chinese, "cold", Split.Dev), "zh", "toxicity", r => r.Toxic == true);
        rows.Add(new("COLD (10% of train.csv, tuning)", "toxicity-zh", coldDev.Flag.Count, "macro-F1", coldDev.Flag.MacroF1, "—", coldDev.Block.MacroF1));

        output.WriteLine($"models {models.Version}");
        output.WriteLine("thresholds: " + string.Join(", ", models.Manifest.Models.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} flag {m.Threshold:F2} block {m.EffectiveBlockThreshold:F2}"))));
        output.Write(MetricsTable.Format(rows));
        output.WriteLine();
        output.WriteLine("per category (every model on every dev and test split with its label)");
        output.Write(CategoryEvaluation.Format(CategoryEvaluation.PerCategory(cache, data)));
        output.WriteLine();
        output.WriteLine("supplement by functionality (held-out templates, test split: never trained or tuned on)");
        output.Write(CategoryEvaluation.Format(CategoryEvaluation.Functionalities(cache, data)));
        output.WriteLine();
        output.Write(FormatRiskyBenign(models));
        output.WriteLine();
        LongSentenceEvaluation.Run(models, data, output);
        return rows;
    }

    /// <summary>Scores <see cref="RiskyBenign"/> and formats it as a Markdown table.</summary>
    public static string FormatRiskyBenign(ToxicityModels models)
    {
        var categories = models.Manifest.Models.Select(m => m.Category).Distinct().ToList();
        var sb = new StringBuilder();
        sb.AppendLine($"| risky-looking benign text | {string.Join(" | ", categories.Select(c => c + " p"))} | verdict |");
        sb.AppendLine($"|---|{string.Concat(categories.Select(_ => "---:|"))}---|");
        foreach (var (text, lang) in RiskyBenign)
        {
            var s = models.Score(text, lang, 0);
            // The default policy acts on threat (block), hate and insult (flag) alone; "BLOCK"/"flag" name any category's operating point.
            var verdict = s.Categories.Any(c => c.ExceedsBlock) ? "BLOCK" : s.Categories.Any(c => c.Exceeds) ? "flag" : "ok";
            var acts = s.Categories.Where(c => c.Exceeds && CategoryEvaluation.Acting.Contains(c.Category)).Select(c => c.Category).ToList();
            var policy = acts.Count == 0 ? "" : $" (default policy: {string.Join(", ", acts)})";
            var cells = categories.Select(c => s[c] is { } x ? x.Probability.ToString("F2", CultureInfo.InvariantCulture) : "—");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {text} | {string.Join(" | ", cells)} | {verdict}{policy} |");
        }
        return sb.ToString();
    }

    private static void AddBinary(List<EvaluationRow> rows, string data, string model, (BinaryMetrics Flag, BinaryMetrics Block) m, string published)
    {
        rows.Add(new(data, model, m.Flag.Count, "macro-F1", m.Flag.MacroF1, published, m.Block.MacroF1));
        rows.Add(new(data, model, m.Flag.Count, "precision (positive class)", m.Flag.Precision, "—", m.Block.Precision));
        rows.Add(new(data, model, m.Flag.Count, "recall (positive class)", m.Flag.Recall, "—", m.Block.Recall));
        rows.Add(new(data, model, m.Flag.Count, "ROC-AUC", m.Flag.RocAuc, "—"));
    }

    private static List<LabeledText> Pick(IReadOnlyList<LabeledText> rows, string source, Split split) =>
        rows.Where(r => r.Source == source && r.Split == split).ToList();

    private static (BinaryMetrics Flag, BinaryMetrics Block) Binary(CategoryEvaluation.ScoreCache cache, List<LabeledText> rows, string lang, string category, Func<LabeledText, bool> label)
    {
        var scores = rows.Select(r => cache.Score(r.Text, lang)[category]!).ToList();
        var truth = rows.Select(label).ToList();
        var p = scores.Select(s => s.Probability).ToList();
        // A block threshold of 1 means "never blocks" (CategoryScore.ExceedsBlock), even for a saturated probability of 1.
        var block = scores[0].BlockThreshold < 1f ? scores[0].BlockThreshold : float.PositiveInfinity;
        return (BinaryMetrics.Compute(truth, p, scores[0].Threshold), BinaryMetrics.Compute(truth, p, block));
    }

    private static ClassMetrics Davidson(CategoryEvaluation.ScoreCache cache, List<LabeledText> rows, bool block)
    {
        // Hate wins over offensive, as in Davidson's label scheme; both below threshold is "neither".
        var predicted = rows.Select(r =>
        {
            var s = cache.Score(r.Text, "en");
            bool Hit(CategoryScore c) => block ? c.ExceedsBlock : c.Exceeds;
            return Hit(s["hate"]!) ? 0 : Hit(s["toxicity"]!) ? 1 : 2;
        }).ToList();
        return ClassMetrics.Compute(rows.Select(r => r.Class).ToList(), predicted, 3);
    }
}
