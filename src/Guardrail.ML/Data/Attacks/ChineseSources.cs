using CsvHelper;

namespace Guardrail.ML.Data.Attacks;

/// <summary>
/// Chinese data: JailBench jailbreak prompts split by seed question (each prompt wraps one seed verbatim) and by template,
/// the bare seed questions (harmful, but no attack on the model's instructions), and COLD's safe rows as ordinary Chinese text.
/// </summary>
public static class ChineseSources
{
    /// <summary>Placeholder standing for the seed question in a JailBench template.</summary>
    public const string Slot = "{Q}";

    /// <summary>Source name of held-out-seed prompts whose template was also held out of training.</summary>
    public const string UnseenTemplate = "jailbench-unseen-template";

    /// <summary>
    /// JailBench prompts. Seeds are split 60/20/20 by rank of their hash; the 20 templates (each used with every seed) 75/25,
    /// and a prompt whose template is held out never trains: held-out seeds are reported with seen templates (source
    /// <c>jailbench</c>) and with unseen ones (<see cref="UnseenTemplate"/>), since the templates make up most of each prompt.
    /// </summary>
    public static IEnumerable<AttackExample> JailBench(string dataRoot)
    {
        var dir = Path.Combine(dataRoot, "injection/jailbench-zh");
        var seeds = Column(Path.Combine(dir, "JailBench_seed_train.csv"), "question_zh").Distinct().ToList();
        var prompts = Column(Path.Combine(dir, "JailBench_train.csv"), "query").ToList();
        var wrapped = new List<(string Prompt, string Seed, string Template)>();
        foreach (var prompt in prompts)
        {
            // The longest seed the prompt contains is the one it wraps (a short seed can be part of a longer one).
            var seed = seeds.Where(s => prompt.Contains(s, StringComparison.Ordinal)).MaxBy(s => s.Length);
            if (seed is null) continue;
            wrapped.Add((prompt, seed, prompt.Replace(seed, Slot, StringComparison.Ordinal)));
        }
        var seedSplit = new GroupSplit(seeds, 0.60, 0.20);
        var templateSplit = new GroupSplit(wrapped.Select(w => w.Template), 0.75, 0);
        foreach (var (prompt, seed, template) in wrapped)
        {
            var split = seedSplit.Of(seed);
            var seenTemplate = templateSplit.Of(template) == Split.Train;
            if (!seenTemplate && split != Split.Test) continue; // a held-out template never informs a choice
            yield return new AttackExample(prompt, seenTemplate ? "jailbench" : UnseenTemplate, AttackSets.ChineseJailbreak, split, true, "zh", "seed:" + seed);
        }
        foreach (var seed in seeds)
        {
            yield return new AttackExample(seed, "jailbench-seed", AttackSets.BareQuestion, seedSplit.Of(seed), false, "zh", "seed:" + seed);
        }
    }

    /// <summary>COLD's safe rows of train.csv (comments on race, region and gender): ordinary Chinese text, at most <paramref name="max"/>, split 70/15/15 by hash.</summary>
    public static IEnumerable<AttackExample> ColdSafe(string dataRoot, int max = 3000)
    {
        var rows = ColdLoader.Load(dataRoot).Where(r => r.Split != Split.Test && r.Class == 0)
            .Select(r => r.Text).Distinct().OrderBy(HashSplit.Hash).Take(max);
        foreach (var text in rows) yield return new AttackExample(text, "cold-safe", AttackSets.Benign, HashSplit.Of(text, 70, 15), false, "zh", text);
    }

    private static IEnumerable<string> Column(string path, string name)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvReader.Create(reader, CsvFormat.Options);
        while (csv.Read())
        {
            var value = csv.GetString(name).Trim();
            if (value.Length > 0) yield return value;
        }
    }
}
