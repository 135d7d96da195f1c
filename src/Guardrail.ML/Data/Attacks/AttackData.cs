namespace Guardrail.ML.Data.Attacks;

/// <summary>Everything the prompt-attack classifier is trained, tuned and measured on.</summary>
public static class AttackData
{
    /// <summary>
    /// Whether <paramref name="row"/> arrives as a document (a tool result or retrieved text) rather than a prompt: BIPIA
    /// contexts, attacked or not, knowledge passages and the ordinary prose documents (<see cref="AttackSets.BenignDocument"/>). The proxy scores documents with their own model.
    /// </summary>
    public static bool IsDocument(AttackExample row) =>
        row.Set == AttackSets.Indirect || row.Source.StartsWith("bipia-", StringComparison.Ordinal) || row.Source == "halueval-knowledge" || row.Set == AttackSets.BenignDocument;

    /// <summary>Loads every source under <paramref name="dataRoot"/> (the shared data) and the team's files in <paramref name="teamDirectory"/>.</summary>
    /// <remarks>Ends with <see cref="InsertedAttacks"/> built from the train rows loaded before them (training rows only).</remarks>
    public static IReadOnlyList<AttackExample> Load(string dataRoot, string teamDirectory)
    {
        var rows = Sources(dataRoot, teamDirectory);
        return [.. rows, .. InsertedAttacks.Build(rows, IndirectCases.Payloads(dataRoot, Split.Train))];
    }

    private static List<AttackExample> Sources(string dataRoot, string teamDirectory) =>
    [
        .. DirectSources.Deepset(dataRoot),
        .. DirectSources.Jailbreaks(dataRoot),
        .. DirectSources.UserQueries(dataRoot),
        .. DirectSources.KnowledgePassages(dataRoot),
        .. IndirectCases.Load(dataRoot),
        .. ChineseSources.JailBench(dataRoot),
        .. ChineseSources.ColdSafe(dataRoot),
        .. LongPrompts.Load(dataRoot),
        .. BenignDocuments.Load(dataRoot),
        .. TeamFiles.Load(teamDirectory),
    ];
}
