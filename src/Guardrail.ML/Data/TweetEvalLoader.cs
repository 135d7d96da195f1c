namespace Guardrail.ML.Data;

/// <summary>TweetEval's offensive (OLID) and hate (HatEval) tasks with their official train/val/test splits.</summary>
public static class TweetEvalLoader
{
    /// <summary>Loads the offensive task; offensive counts as toxic, and says nothing about hate.</summary>
    /// <remarks>
    /// Train and val rows carry OLID's sub-task B/C labels (<see cref="OlidLabels"/>: insult, profanity) where the join finds
    /// them; test rows only the offensive label (OLID's test B/C labels are not in the data folder), so a non-offensive
    /// test row is no insult, threat or profanity and an offensive one says nothing about which.
    /// </remarks>
    public static IReadOnlyList<LabeledText> LoadOffensive(string dataRoot)
    {
        var olid = File.Exists(Path.Combine(dataRoot, OlidLabels.RelativePath)) ? OlidLabels.Load(dataRoot) : new Dictionary<string, OlidLabels.Labels>();
        var prefixes = OlidLabels.PrefixKeys(olid);
        return Load(Path.Combine(dataRoot, "toxicity/en/tweeteval-offensive"), "tweeteval-offensive", (text, split, y) =>
        {
            var row = new LabeledText(text, "tweeteval-offensive", split, y, y == 1, null);
            if (split != Split.Test && OlidLabels.Find(olid, prefixes, text) is { } labels) return OlidLabels.Apply(row, labels);
            return y == 0 ? row.Clean() : row;
        });
    }

    /// <summary>
    /// Loads the hate task; hate counts as toxic and as hate. Test texts that also occur in train (232 in the
    /// official files) are dropped, since a model could score them from memory.
    /// </summary>
    public static IReadOnlyList<LabeledText> LoadHate(string dataRoot)
    {
        var rows = Load(Path.Combine(dataRoot, "toxicity/en/tweeteval-hate"), "tweeteval-hate", (text, split, y) =>
            new LabeledText(text, "tweeteval-hate", split, y, y == 1, y == 1));
        var train = rows.Where(r => r.Split == Split.Train).Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
        return rows.Where(r => r.Split != Split.Test || !train.Contains(r.Text)).ToList();
    }

    /// <summary>Number of official hate test texts that also occur in train.</summary>
    public static int HateTestOverlap(string dataRoot)
    {
        var dir = Path.Combine(dataRoot, "toxicity/en/tweeteval-hate");
        var train = File.ReadLines(Path.Combine(dir, "train_text.txt")).Select(t => t.Trim()).ToHashSet(StringComparer.Ordinal);
        return File.ReadLines(Path.Combine(dir, "test_text.txt")).Count(t => train.Contains(t.Trim()));
    }

    private static List<LabeledText> Load(string dir, string name, Func<string, Split, int, LabeledText> make)
    {
        var rows = new List<LabeledText>();
        foreach (var (file, split) in new[] { ("train", Split.Train), ("val", Split.Dev), ("test", Split.Test) })
        {
            var texts = File.ReadAllLines(Path.Combine(dir, file + "_text.txt"));
            var labels = File.ReadAllLines(Path.Combine(dir, file + "_labels.txt"));
            if (texts.Length != labels.Length) throw new InvalidDataException($"{name}/{file}: {texts.Length} texts but {labels.Length} labels");
            for (var i = 0; i < texts.Length; i++)
            {
                rows.Add(make(texts[i].Trim(), split, int.Parse(labels[i].Trim(), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        return rows;
    }
}
