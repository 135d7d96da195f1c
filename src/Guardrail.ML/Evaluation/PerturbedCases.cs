using Guardrail.ML.Data;

namespace Guardrail.ML.Evaluation;

/// <summary>One case built from a supported pair: the perturbed claim as an answer citing [1], the pair's source as source 1.</summary>
/// <param name="Set">Data set of the pair.</param>
/// <param name="Split">Part of the pair.</param>
/// <param name="PairKey">The pair perturbed, shared by all its cases (the original among them).</param>
/// <param name="Case">The case as the functional suite writes one (language <c>en</c>, kind one of <see cref="PerturbedCases.Kinds"/>).</param>
public sealed record PerturbedCase(string Set, Split Split, string PairKey, GroundingCase Case);

/// <summary>What a perturbation wrote: the new claim and, where a term changed, the term as the answer and as the source have it.</summary>
internal sealed record PerturbedText(string Text, string? AnswerSays, string? SourceSays);

/// <summary>
/// Contradiction and paraphrase cases built deterministically from supported grounding pairs (issue 11): a number, year
/// or name swapped, a negation inserted or removed, words restated with synonyms, and the claim unchanged as the control.
/// </summary>
public static class PerturbedCases
{
    /// <summary>The kinds, in table order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["number-swap", "date-swap", "name-swap", "negation-insert", "negation-remove", "synonym", "original"];

    /// <summary>Longer claims are skipped: a long multi-sentence claim buries the one changed term.</summary>
    public const int MaxClaimLength = 400;

    /// <summary>At most this many cases per set, part and kind (chosen by hash), so the run stays fast on bigger sets.</summary>
    public const int MaxPerSetAndKind = 150;

    /// <summary>The outcome a correct checker reports for a case of <paramref name="kind"/>.</summary>
    public static string Expected(string kind) => kind is "synonym" or "original" ? "supported" : "contradicted";

    /// <summary>
    /// The cases of the supported pairs in <paramref name="pairs"/> (others are ignored): at most one per pair and kind,
    /// where the kind applies. The same pairs in the same order give the same cases.
    /// </summary>
    public static IReadOnlyList<PerturbedCase> Build(IEnumerable<SupportPair> pairs)
    {
        var cases = new List<PerturbedCase>();
        var index = 0;
        foreach (var pair in pairs.Where(p => p.Supported))
        {
            // Numbered before skipping, so a pair's key does not depend on which other pairs were skipped.
            var key = $"{pair.Set}-{pair.Split.ToString().ToLowerInvariant()}-{index++:D4}";
            var claim = pair.Claim.Trim();
            if (claim.Length == 0 || claim.Length > MaxClaimLength || string.IsNullOrWhiteSpace(pair.Source)) continue;
            foreach (var kind in Kinds)
            {
                // Seeded by the group and the kind: each kind picks its term independently of the others.
                if (Perturb(kind, claim, pair.Source, HashSplit.Hash(pair.Group + "\n" + kind)) is not { } edit) continue;
                var c = new GroundingCase($"{key}-{kind}", "en", kind, Cite(edit.Text), [("1", pair.Source)], Expected(kind), edit.AnswerSays, edit.SourceSays);
                cases.Add(new PerturbedCase(pair.Set, pair.Split, key, c));
            }
        }
        return Cap(cases);
    }

    /// <summary><paramref name="claim"/> citing source 1: the marker before the final punctuation, else appended.</summary>
    public static string Cite(string claim)
    {
        var end = claim.Length;
        while (end > 0 && claim[end - 1] is '"' or '\'' or '”' or '’') end--;
        var stop = end;
        while (stop > 0 && claim[stop - 1] is '.' or '!' or '?') stop--;
        return stop == end ? claim + " [1]" : claim[..stop].TrimEnd() + " [1]" + claim[stop..];
    }

    private static PerturbedText? Perturb(string kind, string claim, string source, ulong hash) => kind switch
    {
        "number-swap" => PerturbNumbers.SwapNumber(claim, source, hash),
        "date-swap" => PerturbNumbers.SwapYear(claim, source, hash),
        "name-swap" => PerturbNames.Swap(claim, source, hash),
        "negation-insert" => PerturbNegation.Insert(claim),
        "negation-remove" => PerturbNegation.Remove(claim),
        "synonym" => PerturbSynonyms.Replace(claim, hash),
        "original" => new PerturbedText(claim, null, null),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown perturbation kind"),
    };

    // Keeps the list order; the cap only bites on sets bigger than the shared dev and test parts are today.
    private static List<PerturbedCase> Cap(List<PerturbedCase> cases)
    {
        var kept = cases.GroupBy(c => (c.Set, c.Split, c.Case.Kind))
            .SelectMany(g => g.OrderBy(c => HashSplit.Hash(c.Case.Id)).Take(MaxPerSetAndKind))
            .Select(c => c.Case.Id).ToHashSet(StringComparer.Ordinal);
        return cases.Where(c => kept.Contains(c.Case.Id)).ToList();
    }
}
