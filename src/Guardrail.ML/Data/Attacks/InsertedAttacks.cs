namespace Guardrail.ML.Data.Attacks;

/// <summary>
/// More indirect-injection training rows: attack instructions of the train split (BIPIA's train families, the team's
/// train attacks) inserted into train-split ordinary documents of the kinds BIPIA lacks (prose documents, HaluEval
/// passages, WiCE evidence, BEGIN snippets, the team's documents), at the start, middle or end by hash. BIPIA alone puts
/// its attacks only into e-mails, tables and code, so a model learns "an instruction inside an e-mail", not "an
/// instruction inside any document".
/// </summary>
/// <remarks>
/// Training rows only: a host of the dev or test split, an attack row of the dev or test split, or a payload of a held-out
/// family is never used (<c>AttackDataTests</c> checks it), so every held-out figure stays held out.
/// </remarks>
public static class InsertedAttacks
{
    /// <summary>Most attacked copies per host source.</summary>
    public const int PerSource = 700;

    /// <summary>Longest team attack used as a payload (longer ones are whole jailbreak-style prompts, not inserted instructions).</summary>
    public const int MaxPayloadLength = 400;

    /// <summary>
    /// One attacked copy of each train-split benign document in <paramref name="rows"/> of the other kinds (at most
    /// <see cref="PerSource"/> per source), carrying a payload chosen by hash from <paramref name="familyPayloads"/>
    /// (BIPIA train families) and the team's train attacks in <paramref name="rows"/>.
    /// </summary>
    public static IEnumerable<AttackExample> Build(IReadOnlyList<AttackExample> rows, IEnumerable<(string Family, string Attack)> familyPayloads)
    {
        // Two pools drawn from alike, so the team's few attacks are not lost among BIPIA's instructions.
        List<(string Group, string Text)>[] pools =
        [
            [.. familyPayloads.Select(p => (Group: "family:" + p.Family, Text: p.Attack.Trim()))],
            [.. rows.Where(r => r.Split == Split.Train && r.Attack && r.Source == "team-train-attacks" && r.Text.Length <= MaxPayloadLength).Select(r => (r.Group, r.Text))],
        ];
        pools = [.. pools.Where(p => p.Count > 0)];
        if (pools.Length == 0) yield break;
        var hosts = rows.Where(IsHost).GroupBy(r => r.Source).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var source in hosts)
        {
            foreach (var host in source.OrderBy(r => HashSplit.Hash("inserted:" + r.Text)).Take(PerSource))
            {
                var pick = HashSplit.Hash("inserted:" + host.Text);
                var pool = pools[(int)(pick % (ulong)pools.Length)];
                pick /= (ulong)pools.Length;
                var (group, payload) = pool[(int)(pick % (ulong)pool.Count)];
                var text = IndirectCases.Insert(host.Text, payload, (int)(pick / (ulong)pool.Count % 3));
                yield return new AttackExample(text, "inserted-" + host.Source, AttackSets.Indirect, Split.Train, true, host.Language, group) { Payload = payload };
            }
        }
    }

    /// <summary>Whether a row receives an inserted attack: an untouched train-split document that is not a BIPIA context (those have their own).</summary>
    public static bool IsHost(AttackExample row) =>
        row.Split == Split.Train && !row.Attack && (row.Set == AttackSets.BenignDocument || row.Source == "halueval-knowledge");
}
