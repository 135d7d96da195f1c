using System.Globalization;
using CsvHelper;

namespace Guardrail.ML.Data;

/// <summary>Davidson et al. (2017): 0 hate, 1 offensive, 2 neither; split 70/15/15 by a hash of the text.</summary>
public static class DavidsonLoader
{
    /// <summary>Relative path under the data root.</summary>
    public const string RelativePath = "toxicity/en/davidson/labeled_data.csv";

    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<LabeledText> Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader);
    }

    /// <summary>Parses Davidson's CSV (quoted fields with commas, quotes and newlines).</summary>
    public static IReadOnlyList<LabeledText> Parse(TextReader reader)
    {
        using var csv = CsvReader.Create(reader, CsvFormat.Options);
        var rows = new List<LabeledText>();
        while (csv.Read())
        {
            var cls = int.Parse(csv.GetString(5), CultureInfo.InvariantCulture);
            var text = TweetCleanup.Clean(csv.GetString(6));
            if (text.Length == 0) continue;
            var row = new LabeledText(text, "davidson", HashSplit.Of(text, 70, 15), cls, cls != 2, cls == 0);
            // "Neither" is no insult, threat or profanity; offensive tweets may be any of them (Davidson does not say which).
            rows.Add(cls == 2 ? row.Clean() : row);
        }
        return rows;
    }
}
