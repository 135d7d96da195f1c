using System.Globalization;
using System.Text;
using Guardrail.Detection;
using Guardrail.ML.Data;
using Guardrail.ML.Detection;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Evaluation;

/// <summary>
/// Measures the toxicity check as the proxy runs it (<see cref="ToxicityDetector"/>: sentence split, language guess,
/// calibrated scores), with whole sentences only and with windows inside long sentences: benign run-ons, the padding
/// attack (<see cref="LongSentenceSets"/>), and the benchmark test splits through the same path. Part of <c>eval toxicity</c>.
/// </summary>
/// <remarks>
/// A text counts as flagged when a category's calibrated score reaches <see cref="ToxicityDetector.FlagScore"/> and
/// blocked at <see cref="ToxicityDetector.BlockScore"/> (the shipped rules' thresholds). Dev rows are the ones the window
/// settings were chosen on (<c>Training.WindowTuning</c>); test rows are reported only.
/// </remarks>
public static class LongSentenceEvaluation
{
    /// <summary>One table line: a figure with whole sentences only and with windows, each at flag and at block.</summary>
    public sealed record Row(string Data, int Count, string Metric, double SentencesFlag, double SentencesBlock, double WindowsFlag, double WindowsBlock);

    /// <summary>Evaluates <paramref name="models"/> on <paramref name="data"/>, prints the table, returns its rows.</summary>
    public static IReadOnlyList<Row> Run(ToxicityModels models, ToxicityData data, TextWriter output)
    {
        var detectors = (Sentences: new ToxicityDetector(models, new ToxicityOptions { ScoreWindows = false, TopContributions = 0 }),
            Windows: new ToxicityDetector(models, new ToxicityOptions { TopContributions = 0 }));
        var rows = new List<Row>();
        foreach (var split in new[] { Split.Dev, Split.Test })
        {
            foreach (var set in LongSentenceSets.Build(data, split))
            {
                var name = Describe(set.Language, split);
                rows.Add(Rate(detectors, $"Benign run-ons ({name})", "false-positive rate (toxicity)", set.BenignRunOns, "toxicity"));
                if (set.Language == "en") rows.Add(Rate(detectors, $"Benign run-ons ({name})", "false-positive rate (hate)", set.BenignRunOns, "hate"));
                rows.Add(Rate(detectors, $"Toxic clause after {LongSentences.PaddingCharacters}+ characters of benign padding ({name})", "detection rate", set.PaddedToxic, "toxicity"));
                rows.Add(Rate(detectors, $"The same toxic clauses alone ({name})", "detection rate", set.ToxicClauses, "toxicity"));
                if (set.HateClauses.Count == 0) continue;
                rows.Add(Rate(detectors, $"Hate clause after {LongSentences.PaddingCharacters}+ characters of benign padding ({name})", "detection rate (hate)", set.PaddedHate, "hate"));
                rows.Add(Rate(detectors, $"The same hate clauses alone ({name})", "detection rate (hate)", set.HateClauses, "hate"));
            }
        }
        var en = data.English;
        rows.Add(Binary(detectors, "TweetEval-offensive / OLID (test)", "macro-F1", Pick(en, "tweeteval-offensive"), "toxicity", r => r.Toxic == true, m => m.MacroF1));
        rows.Add(Binary(detectors, "Benign assistant-style text (15% hash held-out)", "false-positive rate (toxicity)", Pick(en, "benign"), "toxicity", _ => false, m => m.FalsePositiveRate));
        rows.Add(Binary(detectors, "COLD (official dev.csv)", "macro-F1", Pick(data.Chinese, "cold"), "toxicity", r => r.Toxic == true, m => m.MacroF1));
        rows.Add(Binary(detectors, "COLD safe rows only (official dev.csv)", "false-positive rate", Pick(data.Chinese, "cold").Where(r => r.Toxic != true).ToList(), "toxicity", _ => false, m => m.FalsePositiveRate));

        output.WriteLine("window settings: " + string.Join(", ", models.Manifest.Models.Select(m => m.Window is { } w
            ? string.Create(CultureInfo.InvariantCulture, $"{m.Name} {w.Size}/{w.Stride} units, window flag {w.Threshold:F2} block {w.BlockThreshold:F2}")
            : $"{m.Name} none")));
        output.Write(Format(rows));
        return rows;
    }

    /// <summary>Formats <paramref name="rows"/> as a Markdown table.</summary>
    public static string Format(IEnumerable<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| data (split), through the detector | n | metric | sentences only @flag | @block | with windows @flag | @block |");
        sb.AppendLine("|---|---:|---|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Data} | {r.Count} | {r.Metric} | {r.SentencesFlag:F3} | {r.SentencesBlock:F3} | {r.WindowsFlag:F3} | {r.WindowsBlock:F3} |");
        }
        return sb.ToString();
    }

    private static string Describe(string language, Split split) => (language, split) switch
    {
        ("en", Split.Dev) => "English, dev: benign 15% hash dev, TweetEval val",
        ("en", _) => "English, test: benign 15% hash held-out, TweetEval test",
        (_, Split.Dev) => "Chinese, dev: COLD 10% of train.csv",
        _ => "Chinese, test: COLD official dev.csv",
    };

    private static List<LabeledText> Pick(IReadOnlyList<LabeledText> rows, string source) =>
        rows.Where(r => r.Source == source && r.Split == Split.Test).ToList();

    private static Row Rate((ToxicityDetector Sentences, ToxicityDetector Windows) d, string data, string metric, IReadOnlyList<string> texts, string category)
    {
        double At(ToxicityDetector detector, double score) => texts.Count(t => Score(detector, t, category) >= score) / (double)Math.Max(1, texts.Count);
        return new Row(data, texts.Count, metric, At(d.Sentences, ToxicityDetector.FlagScore), At(d.Sentences, ToxicityDetector.BlockScore),
            At(d.Windows, ToxicityDetector.FlagScore), At(d.Windows, ToxicityDetector.BlockScore));
    }

    private static Row Binary((ToxicityDetector Sentences, ToxicityDetector Windows) d, string data, string metric, List<LabeledText> rows, string category, Func<LabeledText, bool> label, Func<BinaryMetrics, double> pick)
    {
        var truth = rows.Select(label).ToList();
        double At(ToxicityDetector detector, double score)
        {
            var scores = rows.Select(r => (float)Score(detector, r.Text, category)).ToList();
            return pick(BinaryMetrics.Compute(truth, scores, (float)score));
        }
        return new Row(data, rows.Count, metric, At(d.Sentences, ToxicityDetector.FlagScore), At(d.Sentences, ToxicityDetector.BlockScore),
            At(d.Windows, ToxicityDetector.FlagScore), At(d.Windows, ToxicityDetector.BlockScore));
    }

    /// <summary>The highest calibrated score of <paramref name="category"/> the detector gives any part of <paramref name="text"/>.</summary>
    public static double Score(ToxicityDetector detector, string text, string category) =>
        detector.Detect(new TextTarget("eval", Direction.Response, "assistant", text)).Where(s => s.Kind == category).Select(s => s.Score).DefaultIfEmpty(0).Max();
}
