namespace Guardrail.ML.Data;

/// <summary>The long-sentence sets of one language and split: benign run-ons and padding attacks (<see cref="LongSentences"/>).</summary>
/// <param name="Language"><c>en</c> or <c>zh</c>.</param>
/// <param name="BenignRunOns">Benign sentences joined into single long sentences: nothing here should be flagged.</param>
/// <param name="ToxicClauses">The toxic rows used as clauses, as <see cref="LongSentences.Clause"/> makes them: the ceiling for the padded ones.</param>
/// <param name="PaddedToxic">Each toxic clause after benign padding of the same split.</param>
/// <param name="HateClauses">English hate rows as clauses (empty for Chinese: no hate model).</param>
/// <param name="PaddedHate">Each hate clause after benign padding.</param>
public sealed record LongSentenceSets(
    string Language,
    IReadOnlyList<string> BenignRunOns,
    IReadOnlyList<string> ToxicClauses,
    IReadOnlyList<string> PaddedToxic,
    IReadOnlyList<string> HateClauses,
    IReadOnlyList<string> PaddedHate)
{
    /// <summary>
    /// English: run-ons of the benign assistant-style sentences (3 orderings, at least 300/500/800 characters); toxic clauses
    /// from TweetEval-offensive, hate clauses from TweetEval-hate, padded with benign sentences. Chinese: run-ons of COLD's
    /// safe rows (4 orderings, at least 150/300/500 characters), its offensive rows padded with safe rows (there is no
    /// Chinese benign assistant text). <paramref name="split"/> Dev tunes the windows, Test is reported only.
    /// </summary>
    public static IReadOnlyList<LongSentenceSets> Build(ToxicityData data, Split split)
    {
        List<string> Rows(IReadOnlyList<LabeledText> rows, Func<LabeledText, bool> pick) => rows.Where(r => r.Split == split && pick(r)).Select(r => r.Text).ToList();
        var benign = Rows(data.English, r => r.Source == "benign");
        var offensive = Rows(data.English, r => r.Source == "tweeteval-offensive" && r.Toxic == true);
        var hate = Rows(data.English, r => r.Source == "tweeteval-hate" && r.Hate == true);
        var safe = Rows(data.Chinese, r => r.Source == "cold" && r.Toxic != true);
        var toxicZh = Rows(data.Chinese, r => r.Source == "cold" && r.Toxic == true);
        var en = LongSentences.EnglishJoiners;
        var zh = LongSentences.ChineseJoiners;
        return
        [
            new("en", LongSentences.RunOns(benign, [300, 500, 800], en, passes: 3), Clauses(offensive), LongSentences.Padded(offensive, benign, en),
                Clauses(hate), LongSentences.Padded(hate, benign, en)),
            new("zh", LongSentences.RunOns(safe, [150, 300, 500], zh, passes: 4), Clauses(toxicZh), LongSentences.Padded(toxicZh, safe, zh), [], []),
        ];
    }

    private static List<string> Clauses(List<string> rows) => rows.Select(LongSentences.Clause).ToList();
}
