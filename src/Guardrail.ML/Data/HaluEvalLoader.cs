using System.Text.Json;

namespace Guardrail.ML.Data;

/// <summary>
/// HaluEval QA (<c>grounding/halueval/qa_{one,multi}-turn_data.json</c>): per question a knowledge passage, the right
/// answer (supported) and a hallucinated one (not supported). Both files hold the same 500 questions with the same right
/// answers and, mostly, different hallucinated answers; identical (question, answer) pairs are kept once.
/// </summary>
public static class HaluEvalLoader
{
    /// <summary>The two files, relative to the data root.</summary>
    public static IReadOnlyList<string> RelativePaths { get; } = ["grounding/halueval/qa_one-turn_data.json", "grounding/halueval/qa_multi-turn_data.json"];

    /// <summary>One question of the file.</summary>
    /// <param name="Knowledge">The passage.</param>
    /// <param name="Question">The question.</param>
    /// <param name="Answer">An answer.</param>
    /// <param name="Right">True for the right answer, false for a hallucinated one.</param>
    public sealed record Item(string Knowledge, string Question, string Answer, bool Right);

    /// <summary>Loads both files under <paramref name="dataRoot"/> as support pairs (<paramref name="withQuestion"/>: the claim is question + answer).</summary>
    public static IReadOnlyList<SupportPair> Load(string dataRoot, bool withQuestion) =>
        ToPairs(LoadItems(dataRoot), withQuestion);

    /// <summary>Reads and deduplicates the items of both files.</summary>
    public static IReadOnlyList<Item> LoadItems(string dataRoot) =>
        Dedupe(RelativePaths.SelectMany(p => Parse(File.ReadLines(Path.Combine(dataRoot, p)))));

    /// <summary>Parses JSON lines with <c>knowledge, question, right_answer, hallucinated_answer</c>: two items per line.</summary>
    public static IEnumerable<Item> Parse(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            string Get(string name) => (r.GetProperty(name).GetString() ?? "").Trim();
            var (knowledge, question) = (Get("knowledge"), Get("question"));
            yield return new Item(knowledge, question, Get("right_answer"), true);
            yield return new Item(knowledge, question, Get("hallucinated_answer"), false);
        }
    }

    /// <summary>Keeps the first of items with equal question, answer and label, in file order.</summary>
    public static IReadOnlyList<Item> Dedupe(IEnumerable<Item> items)
    {
        var seen = new HashSet<(string, string, bool)>();
        return items.Where(i => i.Answer.Length > 0 && seen.Add((i.Question, i.Answer, i.Right))).ToList();
    }

    /// <summary>Support pairs split by a hash of the question, so no question straddles splits.</summary>
    public static IReadOnlyList<SupportPair> ToPairs(IEnumerable<Item> items, bool withQuestion) =>
        items.Select(i => new SupportPair("halueval", i.Question, SupportPair.SplitOf(i.Question),
            withQuestion ? i.Question + " " + i.Answer : i.Answer, i.Knowledge, i.Right, i.Answer)).ToList();
}
