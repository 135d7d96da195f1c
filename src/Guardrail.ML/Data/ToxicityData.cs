namespace Guardrail.ML.Data;

/// <summary>All toxicity data sets, loaded once from the shared data root.</summary>
public sealed class ToxicityData
{
    private ToxicityData(IReadOnlyList<LabeledText> english, IReadOnlyList<LabeledText> chinese)
    {
        English = english;
        Chinese = chinese;
    }

    /// <summary>Davidson, TweetEval offensive and hate, Stormfront, and benign assistant-style text (<see cref="BenignLoader"/>) and the English supplement (<see cref="SupplementLoader"/>).</summary>
    public IReadOnlyList<LabeledText> English { get; }

    /// <summary>COLD and the Chinese supplement.</summary>
    public IReadOnlyList<LabeledText> Chinese { get; }

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
