using Guardrail.ML.Data;
using Guardrail.ML.Data.Attacks;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Training;

/// <summary>
/// The segment model's training rows (<see cref="AttackInput.Segment"/>), made from the train split: what a sentence or
/// line of a document looks like when it is an inserted instruction, and when it is ordinary text.
/// </summary>
/// <remarks>
/// Attacks: each inserted instruction alone (once per distinct text) and inside the segment of its document it was put in,
/// with one neighbouring segment (before or after, by hash); direct attacks short enough to be one segment (a direct
/// injection in a tool result is still one; no in-the-wild jailbreak, as for the document model). Benign: up to
/// <see cref="PerDocument"/> segments of every untouched train document (BIPIA contexts, HaluEval passages, the built and
/// the team's prose documents) and of the long benign prompts (first-person requests: a tool result often carries someone's
/// request, a support ticket or a forwarded e-mail, and "please explain how…" there is not aimed at the assistant). At most <see cref="PerSource"/> rows per source; training balances sources.
/// Texts are prepared and cut by <see cref="DocumentSegments"/>, as the detector cuts them.
/// </remarks>
internal static class SegmentRows
{
    /// <summary>Most segments taken from one benign document.</summary>
    public const int PerDocument = 6;

    /// <summary>Most rows per source.</summary>
    public const int PerSource = 2500;

    /// <summary>Longest direct attack used whole.</summary>
    public const int MaxAttackLength = 400;

    /// <summary>The rows built from <paramref name="train"/> (train-split rows; any other split is an error).</summary>
    public static List<AttackExample> Build(IEnumerable<AttackExample> train)
    {
        var rows = new List<AttackExample>();
        var payloads = new HashSet<string>(StringComparer.Ordinal);
        var list = train.ToList();
        // Every distinct inserted instruction of the train rows, for the attacked twins of benign segments below.
        var pool = list.Where(r => r.Attack && r.Payload is not null && r.Split == Split.Train).Select(r => AttackText.Prepare(r.Payload!).Trim())
            .Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var row in list)
        {
            if (row.Split != Split.Train) throw new ArgumentException($"segment rows are built from train rows only; got a {row.Split} row of {row.Source}", nameof(train));
            if (row.Set == AttackSets.Jailbreak) continue;
            if (row.Attack && row.Payload is { } payload)
            {
                var prepared = AttackText.Prepare(row.Text);
                var instruction = AttackText.Prepare(payload).Trim();
                if (payloads.Add(instruction)) rows.Add(row with { Text = instruction, Source = "segment-payload" });
                if (InContext(prepared, instruction) is { } context)
                {
                    rows.Add(row with { Text = context, Source = row.Source.StartsWith("inserted-", StringComparison.Ordinal) ? "inserted-segment" : row.Source + "-segment" });
                }
            }
            else if (row.Attack && !AttackData.IsDocument(row))
            {
                if (row.Text.Length <= MaxAttackLength) rows.Add(row with { Text = AttackText.Prepare(row.Text) });
            }
            else if (!row.Attack && (AttackData.IsDocument(row) || row.Set == AttackSets.BenignLong))
            {
                var prepared = AttackText.Prepare(row.Text);
                foreach (var segment in DocumentSegments.Cut(prepared).Select(s => prepared[s]).OrderBy(HashSplit.Hash).Take(PerDocument))
                {
                    rows.Add(row with { Text = segment });
                    // Every other segment also as an attacked twin (an instruction put before or after it): both classes
                    // then have the same segments of every kind of document, and only the instruction tells them apart.
                    var pick = HashSplit.Hash("twin:" + segment);
                    if (pool.Count == 0 || pick % 2 != 0) continue;
                    var inserted = pool[(int)(pick / 2 % (ulong)pool.Count)];
                    var twin = pick / 2 / (ulong)pool.Count % 2 == 0 ? inserted + "\n" + segment : segment + "\n" + inserted;
                    rows.Add(row with { Text = twin, Attack = true, Set = AttackSets.Indirect, Source = row.Source + "-twin", Payload = inserted });
                }
            }
        }
        return [.. rows.GroupBy(r => (r.Source, r.Attack)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Attack)
            .SelectMany(g => g.OrderBy(r => HashSplit.Hash(r.Text)).Take(PerSource))];
    }

    /// <summary>The segments of <paramref name="prepared"/> that hold <paramref name="instruction"/>, with one neighbour; null when it is not found.</summary>
    internal static string? InContext(string prepared, string instruction)
    {
        var at = prepared.IndexOf(instruction, StringComparison.Ordinal);
        if (at < 0 || instruction.Length == 0) return null;
        var segments = DocumentSegments.Cut(prepared);
        var end = at + instruction.Length;
        var first = segments.FindIndex(s => s.End.Value > at);
        var last = segments.FindLastIndex(s => s.Start.Value < end);
        if (first < 0 || last < first) return null;
        if (HashSplit.Hash(prepared) % 2 == 0) first = Math.Max(0, first - 1);
        else last = Math.Min(segments.Count - 1, last + 1);
        return prepared[segments[first].Start.Value..segments[last].End.Value];
    }
}
