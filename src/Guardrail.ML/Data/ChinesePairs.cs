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
    /// The pairs the support model trains and selects on: every pair, plus one mismatched pair per
    /// supported one (its claim against the source of the supported pair <see cref="MismatchOffset"/> places later in the
    /// same split) as an unsupported example. The written unsupported claims are all near-copies of their source, and
    /// the paraphrases overlap their source less than those do: without claims about something else entirely, a model
    /// learns that less overlap means more support.
    /// </summary>
    public static IReadOnlyList<SupportPair> ForSupportModel(IReadOnlyList<SupportPair> pairs)
    {
        var result = pairs.ToList();
        foreach (var split in pairs.Select(p => p.Split).Distinct())
        {
            var supported = pairs.Where(p => p.Split == split && p.Supported).ToList();
            if (supported.Count < 2) continue;
            for (var i = 0; i < supported.Count; i++)
            {
                var other = supported[(i + MismatchOffset) % supported.Count];
                if (ReferenceEquals(other, supported[i])) other = supported[(i + 1) % supported.Count];
                result.Add(supported[i] with { Group = supported[i].Group + "~" + other.Group, Source = other.Source, Supported = false, Kind = "mismatched" });
            }
        }
        return result;
    }

    /// <summary>How far along the supported pairs of a split a mismatched pair takes its source (a prime, so neighbours written together are skipped).</summary>
    public const int MismatchOffset = 37;

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
