using System.Globalization;
using System.Text;
using CsvHelper;
using Guardrail.Text;

namespace Guardrail.ML.Data.Attacks;

/// <summary>
/// Direct attacks and ordinary prompts from the shared data: deepset prompt injections (English with German translations),
/// in-the-wild jailbreak prompts, and ordinary user queries (HaluEval's general set).
/// </summary>
public static class DirectSources
{
    /// <summary>deepset/prompt-injections train.jsonl, split 70/15/15 by the hash of the text.</summary>
    public static IEnumerable<AttackExample> Deepset(string dataRoot)
    {
        foreach (var o in JsonLines.Read(Path.Combine(dataRoot, "injection/deepset/train.jsonl")))
        {
            var text = JsonLines.Str(o, "text").Trim();
            if (text.Length == 0) continue;
            var attack = o.GetProperty("label").GetInt32() == 1;
            yield return new AttackExample(text, "deepset", attack ? AttackSets.Direct : AttackSets.Benign, HashSplit.Of(text, 70, 15), attack, Latin(text), text);
        }
    }

    /// <summary>
    /// In-the-wild jailbreak prompts (all attacks), deduplicated. Prompts are grouped by their first 40 letters, which
    /// collects the many edited copies of one prompt (DAN 6.0, 7.0, …), and groups are split 70/15/15.
    /// </summary>
    public static IEnumerable<AttackExample> Jailbreaks(string dataRoot)
    {
        var path = Path.Combine(dataRoot, "injection/jailbreak-llms/jailbreak_prompts_2023_12_25.csv");
        var prompts = new List<(string Text, string Group)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true))
        using (var csv = CsvReader.Create(reader, CsvFormat.Options))
        {
            while (csv.Read())
            {
                var text = csv.GetString("prompt").Trim();
                if (text.Length == 0 || !seen.Add(Collapse(text))) continue;
                prompts.Add((text, NearDuplicateKey(text)));
            }
        }
        var split = new GroupSplit(prompts.Select(p => p.Group), 0.70, 0.15);
        foreach (var (text, group) in prompts)
        {
            var language = LanguageGuess.Guess(text) == LanguageGuess.Chinese ? "zh" : "en";
            yield return new AttackExample(text, "jailbreak-llms", AttackSets.Jailbreak, split.Of(group), true, language, group);
        }
    }

    /// <summary>Ordinary user requests ("Produce a list of common words…") from HaluEval's general set, split 70/15/15 by text hash.</summary>
    public static IEnumerable<AttackExample> UserQueries(string dataRoot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in JsonLines.Read(Path.Combine(dataRoot, "grounding/halueval/general_data.json")))
        {
            var text = JsonLines.Str(o, "user_query").Trim();
            if (text.Length < 8 || !seen.Add(text)) continue;
            yield return new AttackExample(text, "halueval-queries", AttackSets.Benign, HashSplit.Of(text, 70, 15), false, "en", text);
        }
    }

    /// <summary>
    /// Wikipedia-style knowledge passages from HaluEval's QA set, as a retrieval tool would return them: benign documents,
    /// split 70/15/15 by text hash.
    /// </summary>
    public static IEnumerable<AttackExample> KnowledgePassages(string dataRoot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in JsonLines.Read(Path.Combine(dataRoot, "grounding/halueval/qa_one-turn_data.json")))
        {
            var text = JsonLines.Str(o, "knowledge").Trim();
            if (text.Length < 20 || !seen.Add(text)) continue;
            yield return new AttackExample(text, "halueval-knowledge", AttackSets.Benign, HashSplit.Of(text, 70, 15), false, "en", text);
        }
    }

    /// <summary>The lower-cased letters of the first 40 letters: edited copies of one prompt share it.</summary>
    internal static string NearDuplicateKey(string text)
    {
        var key = new StringBuilder(40);
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            key.Append(char.ToLowerInvariant(c));
            if (key.Length == 40) break;
        }
        return key.ToString();
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLower(CultureInfo.InvariantCulture);

    // deepset is English plus German translations; accented letters or German function words say which.
    private static string Latin(string text) => LanguageGuess.Guess(text) == LanguageGuess.English ? "en" : "de";
}
