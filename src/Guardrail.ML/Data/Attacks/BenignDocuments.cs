using System.Globalization;
using System.Text.Json;

namespace Guardrail.ML.Data.Attacks;

/// <summary>
/// Ordinary prose documents built deterministically from the shared data, as a retrieval or browsing tool returns them:
/// the benign counterweight the document model lacked (its only benign documents were BIPIA e-mails, tables and code and
/// single HaluEval passages, so second person, questions and imperatives in a document read as an injection).
/// Kinds: a HaluEval general query and the chatbot's answer as a Q&amp;A page, two to four HaluEval QA knowledge passages
/// joined, a BEGIN knowledge snippet, and the evidence sentences of a WiCE claim (cited web pages).
/// </summary>
/// <remarks>
/// Each document takes the split of its source item (query hash, passage hash, snippet hash, claim hash; 70/15/15), the same
/// split the item has in <see cref="DirectSources"/> and <see cref="LongPrompts"/>, so a held-out item never trains in any form.
/// All report under <see cref="AttackSets.BenignDocument"/>, as tool results (sources start with <c>doc-</c>).
/// </remarks>
public static class BenignDocuments
{
    /// <summary>Most documents built from each source.</summary>
    public const int PerSource = 700;

    /// <summary>All six kinds, each at most <see cref="PerSource"/>.</summary>
    public static IEnumerable<AttackExample> Load(string dataRoot) =>
        Answers(dataRoot).Concat(Passages(dataRoot)).Concat(Begin(dataRoot)).Concat(Wice(dataRoot)).Concat(Wice(dataRoot, joined: false)).Concat(Faq(dataRoot));

    /// <summary>A HaluEval general query and the chatbot's answer, laid out as a question-and-answer page. Split by the query.</summary>
    public static IEnumerable<AttackExample> Answers(string dataRoot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<AttackExample>();
        foreach (var o in JsonLines.Read(Path.Combine(dataRoot, "grounding/halueval/general_data.json")))
        {
            var query = JsonLines.Str(o, "user_query").Trim();
            var answer = JsonLines.Str(o, "chatgpt_response").Trim();
            if (query.Length < 8 || answer.Length < 40 || !seen.Add(query)) continue;
            rows.Add(Row($"Question: {query}\n\nAnswer: {answer}", HashSplit.Of(query, 70, 15), "doc-halueval-answer", "query:" + query));
        }
        return Cap(rows);
    }

    /// <summary>Two to four HaluEval QA knowledge passages of one split, joined as a retrieved page would be. Split by the passages.</summary>
    public static IEnumerable<AttackExample> Passages(string dataRoot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<string>();
        foreach (var o in JsonLines.Read(Path.Combine(dataRoot, "grounding/halueval/qa_one-turn_data.json")))
        {
            var knowledge = JsonLines.Str(o, "knowledge").Trim();
            if (knowledge.Length >= 20 && seen.Add(knowledge)) items.Add(knowledge);
        }
        var rows = new List<AttackExample>();
        foreach (var group in items.GroupBy(k => HashSplit.Of(k, 70, 15)))
        {
            var ordered = group.OrderBy(HashSplit.Hash).ToList();
            for (var i = 0; i < ordered.Count;)
            {
                var take = 2 + (int)(HashSplit.Hash(ordered[i]) % 3);
                var chunk = ordered.Skip(i).Take(take).ToList();
                i += take;
                rows.Add(Row(string.Join("\n\n", chunk), group.Key, "doc-halueval-passages", "knowledge:" + HashSplit.Hash(chunk[0]).ToString("x16", CultureInfo.InvariantCulture)));
            }
        }
        return Cap(rows);
    }

    /// <summary>
    /// Three to five HaluEval QA questions with their right answers, laid out as an FAQ page ("Q: … A: …"): questions in a
    /// document are not an injection by themselves. Split by each item's knowledge passage, as <see cref="Passages"/>.
    /// </summary>
    public static IEnumerable<AttackExample> Faq(string dataRoot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<(string Knowledge, string Question, string Answer)>();
        foreach (var o in JsonLines.Read(Path.Combine(dataRoot, "grounding/halueval/qa_one-turn_data.json")))
        {
            var knowledge = JsonLines.Str(o, "knowledge").Trim();
            var (question, answer) = (JsonLines.Str(o, "question").Trim(), JsonLines.Str(o, "right_answer").Trim());
            if (knowledge.Length < 20 || question.Length == 0 || answer.Length == 0 || !seen.Add(knowledge)) continue;
            items.Add((knowledge, question, answer));
        }
        var rows = new List<AttackExample>();
        foreach (var group in items.GroupBy(i => HashSplit.Of(i.Knowledge, 70, 15)))
        {
            var ordered = group.OrderBy(i => HashSplit.Hash("faq:" + i.Knowledge)).ToList();
            for (var i = 0; i < ordered.Count;)
            {
                var take = 3 + (int)(HashSplit.Hash(ordered[i].Knowledge) % 3);
                var chunk = ordered.Skip(i).Take(take).ToList();
                i += take;
                var text = "Frequently asked questions\n\n" + string.Join("\n\n", chunk.Select(c => $"Q: {c.Question}\nA: {c.Answer}"));
                rows.Add(Row(text, group.Key, "doc-halueval-faq", "faq:" + HashSplit.Hash(chunk[0].Knowledge).ToString("x16", CultureInfo.InvariantCulture)));
            }
        }
        return Cap(rows);
    }

    /// <summary>A BEGIN knowledge snippet (Wikipedia, movie plots, topical chat facts). Split by the snippet's hash.</summary>
    public static IEnumerable<AttackExample> Begin(string dataRoot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<AttackExample>();
        foreach (var (knowledge, _) in BeginLoader.Turns(dataRoot))
        {
            if (knowledge.Length < 100 || !seen.Add(knowledge)) continue;
            rows.Add(Row(knowledge, HashSplit.Of(knowledge, 70, 15), "doc-begin", "knowledge:" + HashSplit.Hash(knowledge).ToString("x16", CultureInfo.InvariantCulture)));
        }
        return Cap(rows);
    }

    /// <summary>
    /// The evidence sentences of a WiCE claim (text of the cited web page): the chunks of one claim joined (<c>doc-wice</c>), or
    /// each chunk alone (<c>doc-wice-chunk</c>, short documents: the flag must hold on a few sentences too). Split by the claim.
    /// </summary>
    public static IEnumerable<AttackExample> Wice(string dataRoot, bool joined = true)
    {
        var path = Path.Combine(dataRoot, "grounding/wice/oracle_chunks_dev.jsonl");
        var byClaim = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var o in JsonLines.Read(path))
        {
            var claim = JsonLines.Str(o, "claim").Trim();
            if (claim.Length == 0 || !o.TryGetProperty("evidence", out var evidence) || evidence.ValueKind != JsonValueKind.Array) continue;
            var text = string.Join(" ", evidence.EnumerateArray().Select(e => e.GetString()?.Trim()).Where(s => !string.IsNullOrEmpty(s)));
            if (text.Length == 0) continue;
            if (!byClaim.TryGetValue(claim, out var chunks)) byClaim[claim] = chunks = [];
            if (!chunks.Contains(text)) chunks.Add(text);
        }
        var rows = new List<AttackExample>();
        foreach (var (claim, chunks) in byClaim)
        {
            if (joined)
            {
                var text = string.Join("\n\n", chunks);
                if (text.Length >= 100) rows.Add(Row(text, HashSplit.Of(claim, 70, 15), "doc-wice", "claim:" + claim));
                continue;
            }
            for (var i = 0; i < chunks.Count; i++)
            {
                if (chunks[i].Length >= 60) rows.Add(Row(chunks[i], HashSplit.Of(claim, 70, 15), "doc-wice-chunk", $"claim:{claim}#{i}"));
            }
        }
        return Cap(rows);
    }

    private static AttackExample Row(string text, Split split, string source, string group) =>
        new(text, source, AttackSets.BenignDocument, split, false, "en", group);

    private static IEnumerable<AttackExample> Cap(List<AttackExample> rows) =>
        rows.OrderBy(r => HashSplit.Hash(r.Group)).Take(PerSource);
}
