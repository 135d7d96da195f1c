using System.Globalization;
using System.Text;
using Guardrail.ML.Data;
using Guardrail.ML.Training;

namespace Guardrail.ML.Evaluation;

/// <summary>One line of the task-specific table: a model trained on one data set only, next to the published figure.</summary>
/// <param name="Data">Data set and the split reported.</param>
/// <param name="Count">Number of test examples.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Test">Value on the test split.</param>
/// <param name="Dev">The same metric on the dev split the choices were made on.</param>
/// <param name="Chosen">Trainer (and threshold) chosen on dev.</param>
/// <param name="Published">Published task-specific figures, or "—".</param>
public sealed record TaskSpecificRow(string Data, int Count, string Metric, double Test, double Dev, string Chosen, string Published);

/// <summary>
/// The <c>eval toxicity --task-specific</c> section: the shipped recipe trained per data set (train split only, trainer and
/// threshold on dev only, figures on test), so it compares like-for-like with published task-specific baselines.
/// Nothing is written to disk; none of these models ships.
/// </summary>
public static class TaskSpecificEvaluation
{
    /// <summary>Heading printed above the table.</summary>
    public const string Title = "task-specific (same recipe, trained on that set only; not shipped)";

    /// <summary>Trains and measures every task on the data under <paramref name="dataDir"/>, prints the table, returns its rows.</summary>
    public static IReadOnlyList<TaskSpecificRow> Run(string dataDir, TextWriter output, TextWriter log)
    {
        var data = ToxicityData.Load(dataDir);
        var spec = ModelSpec.All.ToDictionary(s => s.Name);
        var rows = new List<TaskSpecificRow>();

        var olid = TaskSpecificTraining.Binary(spec["toxicity-en"], Pick(data.English, "tweeteval-offensive"), log);
        rows.Add(Binary("TweetEval-offensive / OLID (train → val → test)", olid, "SVM 0.69, CNN 0.80, best 0.829"));

        var overlap = TweetEvalLoader.HateTestOverlap(dataDir);
        var hate = TaskSpecificTraining.Binary(spec["hate-en"], Pick(data.English, "tweeteval-hate"), log);
        rows.Add(Binary($"TweetEval-hate (train → val → test minus {overlap} rows also in train)", hate, "SVM 0.367, FastText 0.506, BERTweet 0.564"));

        var davidson = TaskSpecificTraining.Multiclass(spec["toxicity-en"], Pick(data.English, "davidson"), 3, log);
        const string davidsonData = "Davidson, 3 classes (70% → 15% hash dev → 15% hash test)";
        var n = Pick(data.English, "davidson").Count(r => r.Split == Split.Test);
        rows.Add(new(davidsonData, n, "weighted F1 (3 classes)", davidson.Test.WeightedF1, davidson.Dev.WeightedF1, davidson.Trainer, "LR 0.90 (10% random holdout)"));
        rows.Add(new(davidsonData, n, "hate-class F1", davidson.Test.PerClassF1[0], davidson.Dev.PerClassF1[0], davidson.Trainer, "LR 0.51"));

        // The published LR's figures come from another split; its recipe, re-run on ours, is the like-for-like baseline.
        var paper = TaskSpecificTraining.Multiclass(spec["toxicity-en"], Pick(data.English, "davidson"), 3, log,
            [TaskSpecificTraining.MulticlassFeatureVariants[1]], MulticlassCandidate.PaperRecipeGrid, tuneThreshold: false);
        const string paperData = "Davidson et al.'s LR recipe re-run on our split (baseline, same splits)";
        rows.Add(new(paperData, n, "weighted F1 (3 classes)", paper.Test.WeightedF1, paper.Dev.WeightedF1, paper.Trainer, "LR 0.90 (their split)"));
        rows.Add(new(paperData, n, "hate-class F1", paper.Test.PerClassF1[0], paper.Dev.PerClassF1[0], paper.Trainer, "LR 0.51 (their split)"));

        var cold = TaskSpecificTraining.Binary(spec["toxicity-zh"], Pick(data.Chinese, "cold"), log);
        const string coldData = "COLD (90% of train.csv → 10% → official dev.csv)";
        rows.Add(new(coldData, cold.Test.Count, "accuracy", cold.Test.Accuracy, double.NaN, Chosen(cold), "COLDetector 0.81 (on test)"));
        rows.Add(Binary(coldData, cold, "—"));

        output.WriteLine(Title);
        output.Write(Format(rows));
        return rows;
    }

    /// <summary>Formats <paramref name="rows"/> as a Markdown table (pasted unchanged into the model card).</summary>
    public static string Format(IEnumerable<TaskSpecificRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| data (train → dev → reported split) | n | metric | task-specific (test) | dev | chosen on dev | published (task-specific) |");
        sb.AppendLine("|---|---:|---|---:|---:|---|---|");
        foreach (var r in rows)
        {
            var dev = double.IsNaN(r.Dev) ? "—" : r.Dev.ToString("F3", CultureInfo.InvariantCulture);
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Data} | {r.Count} | {r.Metric} | {r.Test:F3} | {dev} | {r.Chosen} | {r.Published} |");
        }
        return sb.ToString();
    }

    private static TaskSpecificRow Binary(string data, BinaryTaskResult r, string published) =>
        new(data, r.Test.Count, "macro-F1", r.Test.MacroF1, r.DevMacroF1, Chosen(r), published);

    private static string Chosen(BinaryTaskResult r) => string.Create(CultureInfo.InvariantCulture, $"{r.Trainer}, threshold {r.Threshold:F2}");

    private static List<LabeledText> Pick(IReadOnlyList<LabeledText> rows, string source) => [.. rows.Where(r => r.Source == source)];
}
