namespace Guardrail.ML.Data;

/// <summary>De Gibert et al. (2018) Stormfront sentences: hate vs noHate (relation and idk/skip dropped), 70/15/15 hash split.</summary>
public static class StormfrontLoader
{
    /// <summary>Relative path under the data root.</summary>
    public const string RelativePath = "toxicity/en/stormfront/stormfront_sentences.tsv";

    /// <summary>Loads the sentences file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<LabeledText> Load(string path)
    {
        var rows = new List<LabeledText>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cols = line.Split('\t');
            if (cols.Length < 7) continue;
            var label = cols[1];
            // "relation" sentences are hateful only together with their neighbours; alone their label is wrong.
            if (label is not ("hate" or "noHate")) continue;
            var text = string.Join('\t', cols.Skip(6)).Trim();
            if (text.Length == 0) continue;
            var hate = label == "hate";
            rows.Add(new LabeledText(text, "stormfront", HashSplit.Of(text, 70, 15), hate ? 1 : 0, hate, hate) { Threat = hate ? null : false });
        }
        return rows;
    }
}
