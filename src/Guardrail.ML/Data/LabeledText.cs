namespace Guardrail.ML.Data;

/// <summary>Which part of a data set an example belongs to.</summary>
public enum Split
{
    /// <summary>Fitting the model.</summary>
    Train,

    /// <summary>Choosing trainer, regularisation and thresholds.</summary>
    Dev,

    /// <summary>Reporting only; never used for any choice.</summary>
    Test,
}

/// <summary>One labelled text from a source data set.</summary>
/// <param name="Text">The raw text (not yet prepared).</param>
/// <param name="Source">Data set name, e.g. <c>davidson</c>.</param>
/// <param name="Split">Its split.</param>
/// <param name="Class">The source's own class id (Davidson: 0 hate, 1 offensive, 2 neither; binary sets: 0/1).</param>
/// <param name="Toxic">Whether it counts as toxic; null when the source says nothing about toxicity.</param>
/// <param name="Hate">Whether it counts as hate; null when the source has no hate label.</param>
public sealed record LabeledText(string Text, string Source, Split Split, int Class, bool? Toxic, bool? Hate)
{
    /// <summary>Whether it insults a person (OLID targeted at an individual); null when the source cannot say.</summary>
    public bool? Insult { get; init; }

    /// <summary>Whether it threatens violence against a person or group; null when the source cannot say.</summary>
    public bool? Threat { get; init; }

    /// <summary>Whether it is obscenity aimed at no one (OLID untargeted); null when the source cannot say.</summary>
    public bool? Profanity { get; init; }

    /// <summary>The supplement's class (functionality), e.g. <c>counter-speech</c>; null for corpus rows.</summary>
    public string? Functionality { get; init; }

    /// <summary>The label of <paramref name="category"/> (<c>toxicity</c>, <c>insult</c>, <c>hate</c>, <c>threat</c>, <c>profanity</c>).</summary>
    public bool? Label(string category) => category switch
    {
        "toxicity" => Toxic,
        "insult" => Insult,
        "hate" => Hate,
        "threat" => Threat,
        "profanity" => Profanity,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "unknown toxicity category"),
    };

    /// <summary>This row with every sub-category label false: a source row that is not offensive at all.</summary>
    public LabeledText Clean() => this with { Insult = false, Threat = false, Profanity = false };
}
