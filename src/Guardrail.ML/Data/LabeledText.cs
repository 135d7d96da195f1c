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
public sealed record LabeledText(string Text, string Source, Split Split, int Class, bool? Toxic, bool? Hate);
