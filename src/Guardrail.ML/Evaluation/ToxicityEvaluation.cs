using Guardrail.ML.Data;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Evaluation;

/// <summary>Measures the shipped models on the report splits next to published figures; the <c>eval toxicity</c> command.</summary>
/// <remarks>Scores go through <see cref="ToxicityModels"/>, the same path the proxy uses, with the manifest's thresholds.</remarks>
public static class ToxicityEvaluation
{
    /// <summary>Evaluates the models in <paramref name="modelsDir"/> on the data under <paramref name="dataDir"/>, prints the table, returns its rows.</summary>
    public static IReadOnlyList<EvaluationRow> Run(string dataDir, string modelsDir, TextWriter output)
    {
        var models = ToxicityModels.Load(modelsDir);
        var data = ToxicityData.Load(dataDir);
        var rows = new List<EvaluationRow>();
        var en = data.English;

        var olid = Pick(en, "tweeteval-offensive", Split.Test);
        var tox = Binary(models, olid, "en", "toxicity", r => r.Toxic == true);
        rows.Add(new("TweetEval-offensive / OLID (test)", "toxicity-en", olid.Count, "macro-F1", tox.MacroF1, "SVM 0.69, CNN 0.80, best 0.829"));
        rows.Add(new("TweetEval-offensive / OLID (test)", "toxicity-en", olid.Count, "ROC-AUC", tox.RocAuc, "—"));

        var hatEval = Pick(en, "tweeteval-hate", Split.Test);
        var hate = Binary(models, hatEval, "en", "hate", r => r.Hate == true);
        var overlap = TweetEvalLoader.HateTestOverlap(dataDir);
        var hateName = $"TweetEval-hate (test minus {overlap} rows also in train)";
        rows.Add(new(hateName, "hate-en", hatEval.Count, "macro-F1", hate.MacroF1, "SVM 0.367, FastText 0.506, BERTweet 0.564"));
        rows.Add(new(hateName, "hate-en", hatEval.Count, "ROC-AUC", hate.RocAuc, "—"));

        var davidson = Pick(en, "davidson", Split.Test);
        var three = Davidson(models, davidson);
        rows.Add(new("Davidson (15% hash held-out)", "hate-en + toxicity-en", davidson.Count, "weighted F1 (3 classes)", three.WeightedF1, "LR 0.90 (10% random holdout)"));
        rows.Add(new("Davidson (15% hash held-out)", "hate-en + toxicity-en", davidson.Count, "hate-class F1", three.PerClassF1[0], "LR 0.51"));

        var storm = Pick(en, "stormfront", Split.Test);
        var stormHate = Binary(models, storm, "en", "hate", r => r.Hate == true);
        rows.Add(new("Stormfront (15% hash held-out)", "hate-en", storm.Count, "macro-F1", stormHate.MacroF1, "— (paper used a balanced subset)"));

        var cold = Pick(data.Chinese, "cold", Split.Test);
        var zh = Binary(models, cold, "zh", "toxicity", r => r.Toxic == true);
        rows.Add(new("COLD (official dev.csv)", "toxicity-zh", cold.Count, "accuracy", zh.Accuracy, "COLDetector 0.81 (on test)"));
        rows.Add(new("COLD (official dev.csv)", "toxicity-zh", cold.Count, "macro-F1", zh.MacroF1, "—"));
        rows.Add(new("COLD (official dev.csv)", "toxicity-zh", cold.Count, "ROC-AUC", zh.RocAuc, "—"));

        // Dev figures, on which trainer and thresholds were chosen, show how far test falls from dev.
        rows.Add(new("TweetEval-offensive (val, tuning)", "toxicity-en", 0, "macro-F1", 0, "—"));
        var olidDev = Pick(en, "tweeteval-offensive", Split.Dev);
        rows[^1] = rows[^1] with { Count = olidDev.Count, Ours = Binary(models, olidDev, "en", "toxicity", r => r.Toxic == true).MacroF1 };
        var hateDev = Pick(en, "tweeteval-hate", Split.Dev);
        rows.Add(new("TweetEval-hate (val, tuning)", "hate-en", hateDev.Count, "macro-F1", Binary(models, hateDev, "en", "hate", r => r.Hate == true).MacroF1, "—"));
        var davDev = Pick(en, "davidson", Split.Dev);
        rows.Add(new("Davidson (15% hash dev, tuning)", "hate-en + toxicity-en", davDev.Count, "hate-class F1", Davidson(models, davDev).PerClassF1[0], "—"));
        var coldDev = Pick(data.Chinese, "cold", Split.Dev);
        rows.Add(new("COLD (10% of train.csv, tuning)", "toxicity-zh", coldDev.Count, "macro-F1", Binary(models, coldDev, "zh", "toxicity", r => r.Toxic == true).MacroF1, "—"));

        output.WriteLine($"models {models.Version}");
        output.Write(MetricsTable.Format(rows));
        return rows;
    }

    private static List<LabeledText> Pick(IReadOnlyList<LabeledText> rows, string source, Split split) =>
        rows.Where(r => r.Source == source && r.Split == split).ToList();

    private static BinaryMetrics Binary(ToxicityModels models, List<LabeledText> rows, string lang, string category, Func<LabeledText, bool> label)
    {
        var scores = rows.Select(r => models.Score(r.Text, lang, 0)[category]!).ToList();
        return BinaryMetrics.Compute(rows.Select(label).ToList(), scores.Select(s => s.Probability).ToList(), scores[0].Threshold);
    }

    private static ClassMetrics Davidson(ToxicityModels models, List<LabeledText> rows)
    {
        // Hate wins over offensive, as in Davidson's label scheme; both below threshold is "neither".
        var predicted = rows.Select(r =>
        {
            var s = models.Score(r.Text, "en", 0);
            return s["hate"]!.Exceeds ? 0 : s["toxicity"]!.Exceeds ? 1 : 2;
        }).ToList();
        return ClassMetrics.Compute(rows.Select(r => r.Class).ToList(), predicted, 3);
    }
}
