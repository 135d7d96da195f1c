using System.Globalization;
using CsvHelper;

namespace Guardrail.ML.Data;

/// <summary>
/// COLD (Chinese offensive language): train.csv is split 90/10 by hash into train and a tuning dev set;
/// the official dev.csv is kept for reporting only (returned as <see cref="Split.Test"/>).
/// </summary>
public static class ColdLoader
{
    /// <summary>Loads both files under the data root.</summary>
    public static IReadOnlyList<LabeledText> Load(string dataRoot)
    {
        var dir = Path.Combine(dataRoot, "toxicity/zh/cold");
        var rows = new List<LabeledText>();
        foreach (var (text, label) in Read(Path.Combine(dir, "train.csv")))
        {
            var split = HashSplit.Bucket(text) < 90 ? Split.Train : Split.Dev;
            rows.Add(Row(text, split, label));
        }
        foreach (var (text, label) in Read(Path.Combine(dir, "dev.csv")))
        {
            rows.Add(Row(text, Split.Test, label));
        }
        return rows;
    }

    // COLD's offensive rows are offence around race, gender and region, i.e. against groups: they teach the Chinese hate
    // model. Its safe rows (anti-bias counter-speech among them) are no insult, threat or profanity either.
    private static LabeledText Row(string text, Split split, int label)
    {
        var row = new LabeledText(text, "cold", split, label, label == 1, label == 1);
        return label == 1 ? row : row.Clean();
    }

    private static IEnumerable<(string Text, int Label)> Read(string path)
    {
        // detectEncodingFromByteOrderMarks strips the BOM so the first header is read correctly.
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvReader.Create(reader, CsvFormat.Options);
        while (csv.Read())
        {
            var text = csv.GetString("TEXT").Trim();
            if (text.Length == 0) continue;
            yield return (text, int.Parse(csv.GetString("label"), CultureInfo.InvariantCulture));
        }
    }
}
