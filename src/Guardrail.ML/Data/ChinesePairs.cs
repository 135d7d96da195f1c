namespace Guardrail.ML.Data;

/// <summary>
/// The team-written Chinese grounding pairs (<c>data/grounding-zh/</c>; its README says who wrote them and how): the
/// Chinese support model's only data, since the shared sets are English. Split by file, not by hash: <c>train-*.jsonl</c>
/// trains, <c>dev.jsonl</c> picks the trainer and threshold, <c>test.jsonl</c> is read only by <c>eval grounding</c>.
/// </summary>
public static class ChinesePairs
{
    /// <summary>The folder, relative to the repository root (the working directory of the CLI).</summary>
    public const string DefaultDirectory = "data/grounding-zh";

    /// <summary>The set name of every pair.</summary>
    public const string Set = "zh-team";

    /// <summary>
    /// Whether a pair trains (and selects) the support model. Entity swaps do not: they keep every word of the source but
    /// one name, so as negatives they teach an overlap model to distrust overlap and restatements fail; catching them is
    /// the contradiction check's work (slots), and <c>eval grounding</c> still reports them through the checker.
    /// </summary>
    public static bool TrainsSupport(SupportPair pair) => pair.Kind != "wrong-entity";

    /// <summary>Loads every file of <paramref name="directory"/>; <see cref="FormatException"/> names the line that is not a pair.</summary>
    public static IReadOnlyList<SupportPair> Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Chinese grounding pairs: folder '{directory}' does not exist");
        var pairs = new List<SupportPair>();
        foreach (var path in Directory.GetFiles(directory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            Split? split = name == "dev" ? Split.Dev : name == "test" ? Split.Test : name.StartsWith("train", StringComparison.Ordinal) ? Split.Train : null;
            if (split is null) continue;
            var line = 0;
            foreach (var o in JsonLines.Read(path))
            {
                line++;
                var (id, claim, source) = (JsonLines.Str(o, "id"), JsonLines.Str(o, "claim"), JsonLines.Str(o, "source"));
                if (claim.Length == 0 || source.Length == 0 || !o.TryGetProperty("supported", out var s) || s.ValueKind is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
                {
                    throw new FormatException($"{path}: pair {line} needs claim, source and supported (true or false)");
                }
                pairs.Add(new SupportPair(Set, id.Length > 0 ? id : $"{name}-{line}", split.Value, claim, source, s.GetBoolean(), claim) { Kind = JsonLines.Str(o, "kind") });
            }
        }
        return pairs;
    }
}
