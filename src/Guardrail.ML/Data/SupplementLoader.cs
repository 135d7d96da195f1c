using System.Globalization;

namespace Guardrail.ML.Data;

/// <summary>
/// The team's own training supplement (<c>Data/Supplement/toxicity-supplement-{en,zh}.tsv</c>, embedded in this assembly;
/// see its README): direct threats, negated praise, dehumanising comparisons and obfuscated spellings, and the benign
/// classes the tweet corpora lack (identity statements, counter-speech, negated hate, homonyms, untargeted profanity,
/// violent words in technical, medical, gaming and cooking use, code identifiers).
/// </summary>
/// <remarks>
/// Rows are templates expanded with fillers, so they are split 70/15/15 by template (never by row): dev and test hold
/// templates the model never saw. The source is <c>supplement</c> for both languages.
/// </remarks>
public static class SupplementLoader
{
    /// <summary>Source name of the supplement's rows.</summary>
    public const string Source = "supplement";

    /// <summary>Loads the supplement of <paramref name="language"/> (<c>en</c> or <c>zh</c>).</summary>
    public static IReadOnlyList<LabeledText> Load(string language)
    {
        var name = $"Guardrail.ML.Data.Supplement.toxicity-supplement-{language}.tsv";
        using var stream = typeof(SupplementLoader).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"missing embedded resource {name}");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Parses a supplement TSV: <c>class, template, toxicity, insult, hate, threat, profanity, text</c> (1, 0 or -).</summary>
    public static IReadOnlyList<LabeledText> Parse(TextReader reader)
    {
        var rows = new List<LabeledText>();
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith("class\ttemplate\ttoxicity\tinsult\thate\tthreat\tprofanity\ttext", StringComparison.Ordinal))
        {
            throw new InvalidDataException("supplement: unexpected header");
        }
        while (reader.ReadLine() is { } line)
        {
            var cols = line.Split('\t');
            if (cols.Length != 8) throw new InvalidDataException($"supplement: {cols.Length} columns in \"{line}\"");
            var toxic = Flag(cols[2]);
            rows.Add(new LabeledText(cols[7], Source, HashSplit.Of(cols[1], 70, 15), toxic == true ? 1 : 0, toxic, Flag(cols[4]))
            {
                Insult = Flag(cols[3]),
                Threat = Flag(cols[5]),
                Profanity = Flag(cols[6]),
                Functionality = cols[0],
            });
        }
        return rows;
    }

    private static bool? Flag(string value) => value switch
    {
        "1" => true,
        "0" => false,
        "-" => null,
        _ => throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"supplement: label \"{value}\" is not 1, 0 or -")),
    };
}
