namespace Guardrail.ML.Data;

/// <summary>TweetEval's offensive (OLID) and hate (HatEval) tasks with their official train/val/test splits.</summary>
public static class TweetEvalLoader
{
    /// <summary>Loads the offensive task; offensive counts as toxic, and says nothing about hate.</summary>
    public static IReadOnlyList<LabeledText> LoadOffensive(string dataRoot) =>
        Load(Path.Combine(dataRoot, "toxicity/en/tweeteval-offensive"), "tweeteval-offensive", (text, split, y) =>
            new LabeledText(text, "tweeteval-offensive", split, y, y == 1, null));

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
