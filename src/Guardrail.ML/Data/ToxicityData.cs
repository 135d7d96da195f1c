namespace Guardrail.ML.Data;

/// <summary>All toxicity data sets, loaded once from the shared data root.</summary>
public sealed class ToxicityData
{
    internal ToxicityData(IReadOnlyList<LabeledText> english, IReadOnlyList<LabeledText> chinese)
    {
        English = english;
        Chinese = chinese;
    }

    /// <summary>Davidson, TweetEval offensive and hate, Stormfront, and benign assistant-style text (<see cref="BenignLoader"/>) and the English supplement (<see cref="SupplementLoader"/>).</summary>
    public IReadOnlyList<LabeledText> English { get; }

    /// <summary>COLD and the Chinese supplement.</summary>
    public IReadOnlyList<LabeledText> Chinese { get; }

    /// <summary>The source name of rows from exported feedback (<c>guardrail feedback export</c>).</summary>
    public const string FeedbackSource = "feedback";

    /// <summary>
    /// These sets plus labelled texts exported from the audit store, as training rows (never dev or test: the held-out
    /// sets stay the model card's). A text goes to the Chinese models when it reads as Chinese, else to the English
    /// ones; a category the feedback does not label stays unknown for that row.
    /// </summary>
    public ToxicityData WithFeedback(IEnumerable<Guardrail.Feedback.FeedbackExample> feedback)
    {
        var en = English.ToList();
        var zh = Chinese.ToList();
        foreach (var f in feedback)
        {
            bool? Get(string c) => f.Labels.TryGetValue(c, out var v) ? v : null;
            var row = new LabeledText(f.Text, FeedbackSource, Split.Train, Get("toxicity") == true ? 1 : 0, Get("toxicity"), Get("hate"))
            {
                Insult = Get("insult"),
                Threat = Get("threat"),
                Profanity = Get("profanity"),
            };
            (Guardrail.Text.LanguageGuess.Guess(f.Text) == "zh" ? zh : en).Add(row);
        }
        return new ToxicityData(en, zh);
    }

    /// <summary>Loads every set under <paramref name="dataRoot"/> (the <c>../shared/data</c> folder).</summary>
    public static ToxicityData Load(string dataRoot)
    {
        var en = new List<LabeledText>();
        en.AddRange(DavidsonLoader.Load(Path.Combine(dataRoot, DavidsonLoader.RelativePath)));
        en.AddRange(TweetEvalLoader.LoadOffensive(dataRoot));
        en.AddRange(TweetEvalLoader.LoadHate(dataRoot));
        en.AddRange(StormfrontLoader.Load(Path.Combine(dataRoot, StormfrontLoader.RelativePath)));
        en.AddRange(BenignLoader.Load(dataRoot));
        en.AddRange(SupplementLoader.Load("en"));
        return new ToxicityData(en, [.. ColdLoader.Load(dataRoot), .. SupplementLoader.Load("zh")]);
    }
}
