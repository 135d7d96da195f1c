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
            rows.Add(new LabeledText(text, "cold", split, label, label == 1, null));
        }
        foreach (var (text, label) in Read(Path.Combine(dir, "dev.csv")))
        {
            rows.Add(new LabeledText(text, "cold", Split.Test, label, label == 1, null));
        }
        return rows;
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
