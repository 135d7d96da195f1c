using System.Text.Json;

namespace Guardrail.ML.Data.Attacks;

/// <summary>
/// Indirect injection built the way BIPIA's builders do it: an attack instruction inserted at the start, middle or end of
/// a benign external document (e-mail, table, code answer). Contexts are split 70/15/15 by the hash of their text and
/// attack families 60/20/20 by rank of the hash of their name, so a held-out case is an unseen document carrying an attack
/// of an unseen family. Every context also appears untouched, as a benign document.
/// </summary>
public static class IndirectCases
{
    /// <summary>Attacked copies made of each context.</summary>
    public const int PerContext = 2;

    private static readonly (string Task, string Attacks)[] Tasks =
    [
        ("email", "text_attack_train.json"),
        ("table", "text_attack_train.json"),
        ("code", "code_attack_train.json"),
    ];

    /// <summary>Every attack instruction of the families of <paramref name="split"/> (both attack files), with its family, in a fixed order.</summary>
    public static IEnumerable<(string Family, string Attack)> Payloads(string dataRoot, Split split)
    {
        var dir = Path.Combine(dataRoot, "injection/bipia");
        foreach (var file in Tasks.Select(t => t.Attacks).Distinct())
        {
            var attacks = JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(Path.Combine(dir, file)))!;
            foreach (var family in new GroupSplit(attacks.Keys, 0.60, 0.20).In(split))
            {
                foreach (var attack in attacks[family]) yield return (family, attack);
            }
        }
    }

    /// <summary>Every context of the three tasks, benign and attacked.</summary>
    public static IEnumerable<AttackExample> Load(string dataRoot)
    {
        var dir = Path.Combine(dataRoot, "injection/bipia");
        var families = new Dictionary<string, (GroupSplit Split, Dictionary<string, string[]> Attacks)>();
        foreach (var file in Tasks.Select(t => t.Attacks).Distinct())
        {
            var attacks = JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(Path.Combine(dir, file)))!;
            families[file] = (new GroupSplit(attacks.Keys, 0.60, 0.20), attacks);
        }
        foreach (var (task, file) in Tasks)
        {
            var (familySplit, attacks) = families[file];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var o in JsonLines.Read(Path.Combine(dir, task, "train.jsonl")))
            {
                var context = JsonLines.Text(o, "context").Trim();
                if (context.Length == 0 || !seen.Add(context)) continue;
                var split = HashSplit.Of(context, 70, 15);
                var source = "bipia-" + task;
                yield return new AttackExample(context, source, AttackSets.Benign, split, false, "en", "context:" + HashSplit.Hash(context).ToString("x16"));
                var pool = familySplit.In(split).SelectMany(f => attacks[f].Select(a => (Family: f, Attack: a))).ToList();
                for (var i = 0; i < PerContext && pool.Count > 0; i++)
                {
                    var pick = HashSplit.Hash($"{i}:{context}");
                    var (family, attack) = pool[(int)(pick % (ulong)pool.Count)];
                    var poisoned = Insert(context, attack, (int)(pick / (ulong)pool.Count % 3));
                    yield return new AttackExample(poisoned, source, AttackSets.Indirect, split, true, "en", "family:" + family) { Payload = attack };
                }
            }
        }
    }

    /// <summary>Inserts <paramref name="attack"/> into <paramref name="context"/> at the start (0), at the line or sentence break nearest the middle (1), or at the end (2).</summary>
    public static string Insert(string context, string attack, int position)
    {
        if (position == 0) return attack + "\n" + context;
        if (position == 2) return context + "\n" + attack;
        var middle = context.Length / 2;
        var before = context.LastIndexOfAny(['\n', '.', '|'], middle);
        var after = context.IndexOfAny(['\n', '.', '|'], middle);
        var at = before < 0 ? after : after < 0 ? before : middle - before <= after - middle ? before : after;
        at = at < 0 ? middle : at + 1;
        return context[..at] + "\n" + attack + "\n" + context[at..];
    }
}
