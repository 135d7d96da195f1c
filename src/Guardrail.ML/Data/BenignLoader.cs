using System.Text.Json;
using System.Text.RegularExpressions;

namespace Guardrail.ML.Data;

/// <summary>
/// Benign, assistant-style English text (label 0 for every model, source <c>benign</c>): knowledge passages, questions and
/// answers, dialogue responses, Wikipedia claims and evidence, ordinary prompts, e-mails, tables and code answers from the
/// grounding and injection sets whose roles allow training. The toxicity sets are tweets and forum posts only, which
/// made ordinary prose ("how do I kill a Python process?") look toxic.
/// </summary>
/// <remarks>
/// Passages are cut into sentences (table and code contexts into lines), kept at 20–400 characters, deduplicated
/// case-insensitively, and split 70/15/15 by the hash of the text like Davidson and Stormfront.
/// </remarks>
public static partial class BenignLoader
{
    /// <summary>Shortest sentence kept, in characters.</summary>
    public const int MinLength = 20;

    /// <summary>Longest sentence kept, in characters.</summary>
    public const int MaxLength = 400;

    /// <summary>Loads the benign sentences under <paramref name="dataRoot"/>, with their sub-source (for logging) in <c>Text</c> order.</summary>
    public static IReadOnlyList<LabeledText> Load(string dataRoot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<LabeledText>();
        foreach (var text in Texts(dataRoot))
        {
            var t = Whitespace().Replace(text, " ").Trim();
            if (t.Length < MinLength || t.Length > MaxLength) continue;
            if (!t.Any(char.IsLetter)) continue;
            if (!seen.Add(t.ToLowerInvariant())) continue;
            rows.Add(new LabeledText(t, "benign", HashSplit.Of(t, 70, 15), 0, false, false).Clean());
        }
        return rows;
    }

    /// <summary>Raw passages and sentences from every benign file, before filtering.</summary>
    internal static IEnumerable<string> Texts(string dataRoot)
    {
        var halu = Path.Combine(dataRoot, "grounding/halueval");
        foreach (var file in new[] { "qa_one-turn_data.json", "qa_multi-turn_data.json" })
        {
            foreach (var o in JsonLines.Read(Path.Combine(halu, file)))
            {
                foreach (var s in Sentences(JsonLines.Str(o, "knowledge"))) yield return s;
                yield return JsonLines.Str(o, "question");
                yield return JsonLines.Str(o, "right_answer");
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(dataRoot, "grounding/begin"), "begin_dev_*.tsv").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var cols = line.Split('\t');
                if (cols.Length < 6) continue;
                foreach (var s in Sentences(cols[2])) yield return s;
                foreach (var s in Sentences(cols[4])) yield return s;
            }
        }

        foreach (var o in JsonLines.Read(Path.Combine(dataRoot, "grounding/wice/oracle_chunks_dev.jsonl")))
        {
            yield return JsonLines.Str(o, "claim");
            if (o.TryGetProperty("evidence", out var ev) && ev.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in ev.EnumerateArray()) yield return e.GetString() ?? "";
            }
        }

        foreach (var o in JsonLines.Read(Path.Combine(dataRoot, "injection/deepset/train.jsonl")))
        {
            if (o.GetProperty("label").GetInt32() == 0) yield return JsonLines.Str(o, "text");
        }

        var bipia = Path.Combine(dataRoot, "injection/bipia");
        foreach (var o in JsonLines.Read(Path.Combine(bipia, "email/train.jsonl")))
        {
            foreach (var s in Sentences(JsonLines.Str(o, "context").Replace('|', '\n'))) yield return s;
        }
        foreach (var o in JsonLines.Read(Path.Combine(bipia, "table/train.jsonl")))
        {
            // Table rows are mostly numbers; the first few lines (title, header) carry the words.
            foreach (var s in JsonLines.Str(o, "context").Split('\n').Take(4)) yield return s;
        }
        foreach (var o in JsonLines.Read(Path.Combine(bipia, "code/train.jsonl")))
        {
            if (o.TryGetProperty("context", out var ctx) && ctx.ValueKind == JsonValueKind.Array)
            {
                foreach (var line in ctx.EnumerateArray()) foreach (var s in Sentences(line.GetString() ?? "")) yield return s;
            }
        }
    }

    /// <summary>Splits a passage into sentences at line breaks and at ., ! or ? followed by a space or an upper-case letter.</summary>
    public static IEnumerable<string> Sentences(string passage) =>
        SentenceEnd().Split(passage).Select(s => s.Trim()).Where(s => s.Length > 0);

    // "century.First" in HaluEval knowledge: sentences glued without a space still split before the capital.
    [GeneratedRegex(@"\r?\n|(?<=[.!?])\s+|(?<=[a-z0-9)][.!?])(?=[A-Z])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
