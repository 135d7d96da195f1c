using System.Text;

namespace Guardrail.ML.Data;

/// <summary>
/// Long single sentences built from labelled rows, to measure dilution: benign run-ons (benign sentences joined with
/// commas and conjunctions) and the padding attack (benign padding followed by a toxic clause). Deterministic.
/// </summary>
/// <remarks>
/// Sentence terminators inside the parts become commas, so the sentence splitter sees one sentence, as it would with an
/// answer that avoids full stops. Order comes from a salted FNV hash of the text (<see cref="HashSplit"/>), so the same
/// rows give the same sentences on every run and machine.
/// </remarks>
public static class LongSentences
{
    /// <summary>Characters of benign padding before the toxic clause (the attack seen in the issue used about 270).</summary>
    public const int PaddingCharacters = 270;

    /// <summary>English joiners between parts, cycled: clause punctuation, conjunctions, and a bare space.</summary>
    public static IReadOnlyList<string> EnglishJoiners { get; } = [", ", "; ", " and ", ", but ", " "];

    /// <summary>Chinese joiners: the full-width comma (the full-width semicolon ends a sentence for the splitter).</summary>
    public static IReadOnlyList<string> ChineseJoiners { get; } = ["，"];

    /// <summary>
    /// Benign run-ons: <paramref name="passes"/> orderings of <paramref name="parts"/>, each cut into sentences of at least
    /// the lengths in <paramref name="targetLengths"/> (cycled).
    /// </summary>
    public static List<string> RunOns(IReadOnlyList<string> parts, IReadOnlyList<int> targetLengths, IReadOnlyList<string> joiners, int passes)
    {
        var runOns = new List<string>();
        for (var pass = 0; pass < passes; pass++)
        {
            var ordered = Ordered(parts, pass);
            var i = 0;
            while (i < ordered.Count)
            {
                var target = targetLengths[runOns.Count % targetLengths.Count];
                var sb = new StringBuilder();
                while (i < ordered.Count && sb.Length < target)
                {
                    if (sb.Length > 0) sb.Append(joiners[(runOns.Count + i) % joiners.Count]);
                    sb.Append(Clause(ordered[i++]));
                }
                runOns.Add(sb.ToString());
            }
        }
        return runOns;
    }

    /// <summary>The padding attack: each of <paramref name="clauses"/> after at least <paramref name="paddingCharacters"/> of <paramref name="padding"/>.</summary>
    public static List<string> Padded(IReadOnlyList<string> clauses, IReadOnlyList<string> padding, IReadOnlyList<string> joiners, int paddingCharacters = PaddingCharacters)
    {
        var ordered = Ordered(padding, 0);
        var padded = new List<string>(clauses.Count);
        var p = 0;
        for (var c = 0; c < clauses.Count; c++)
        {
            var sb = new StringBuilder();
            while (sb.Length < paddingCharacters)
            {
                if (sb.Length > 0) sb.Append(joiners[(c + p) % joiners.Count]);
                sb.Append(Clause(ordered[p++ % ordered.Count]));
            }
            sb.Append(joiners[c % joiners.Count]).Append(Clause(clauses[c]));
            padded.Add(sb.ToString());
        }
        return padded;
    }

    /// <summary>A row as a clause: trimmed, its sentence terminators and line breaks turned into commas.</summary>
    public static string Clause(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var terminator = c is '.' or '!' or '?' or '\n' or '\r' or '。' or '！' or '？' or '；';
            if (!terminator) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] is not ',' and not '，') sb.Append(c < 0x3000 ? ',' : '，');
        }
        return sb.ToString().Trim().Trim(',', '，').Trim();
    }

    private static List<string> Ordered(IReadOnlyList<string> parts, int salt) =>
        parts.OrderBy(t => HashSplit.Hash($"{salt}:{t}")).ThenBy(t => t, StringComparer.Ordinal).ToList();
}
