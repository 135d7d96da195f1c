namespace Guardrail.Grounding;

/// <summary>The sentences a reviewer reads on grounding findings.</summary>
internal static class GroundingExplanations
{
    private const int MaxListed = 10;

    /// <summary>How a source is named in explanations: <c>[2]</c>.</summary>
    public static string Name(Source source) => Name(source.Id);

    /// <summary>How a source id is named in explanations: <c>[2]</c>.</summary>
    public static string Name(string id) => $"[{id}]";

    public static string Unsupported(SourceAlignment a, IReadOnlyList<string> missing, AnalyzedText claim)
    {
        var cited = $"Cited source {Name(a.Source)}";
        var telling = Telling(claim, missing);
        if (telling.Count > 0) return $"{cited} does not mention {Join(telling)}.";
        if (a.NegationMismatch) return $"{cited} says the opposite: one of them is negated (support {GroundingEvidence.Format(a.Support)}).";
        return missing.Count > 0
            ? $"{cited} does not support this sentence (support {GroundingEvidence.Format(a.Support)}); it does not mention {Join(missing.Take(3).ToList())}."
            : $"{cited} does not support this sentence (support {GroundingEvidence.Format(a.Support)}).";
    }

    // Unsupported-claim explanations name the claim's missing words ("does not mention 1912"); when the rule blocks, the
    // sentence is withheld and so must those words be. The other kinds' explanations quote no answer text.
    public static string UnsupportedWithheld(SourceAlignment a) =>
        $"Cited source {Name(a.Source)} does not support this sentence (support {GroundingEvidence.Format(a.Support)}).";

    public static string Misattributed(SourceAlignment cited, SourceAlignment other) =>
        $"Cited source {Name(cited.Source)} does not support this sentence (support {GroundingEvidence.Format(cited.Support)}); " +
        $"source {Name(other.Source)} does (support {GroundingEvidence.Format(other.Support)}).";

    public static string Fabricated(Citation citation, IReadOnlyList<string> unknown, SourceSet sources) => citation.IsUrl
        ? $"Citation {citation.Marker} names a URL that none of the supplied sources has."
        : $"Citation {citation.Marker} names {(unknown.Count == 1 ? "source " + unknown[0] : "sources " + Join(unknown))}, " +
          $"which the request did not supply (sources: {Listed(sources)}).";

    public static string Uncited(SourceAlignment? best, double threshold) => best is not { } b
        ? "This sentence cites no source."
        : b.Support >= threshold
            ? $"This sentence cites no source; source {Name(b.Source)} supports it (support {GroundingEvidence.Format(b.Support)})."
            : $"This sentence cites no source, and no source supports it (best: {Name(b.Source)}, support {GroundingEvidence.Format(b.Support)}).";

    public const string QuoteNotFound = "A quotation in this sentence does not appear verbatim in any source.";

    /// <summary>"Source [1] says “1911” where the answer says “1903” (year): “…”."</summary>
    public static string Contradicted(Source source, Contradiction.PassageConflicts found)
    {
        var pairs = string.Join("; ", found.Conflicts.Select(c => $"“{c.SourceSays}” where the answer says “{c.AnswerSays}” ({c.Kind})"));
        return $"Source {Name(source)} says {pairs}.";
    }

    /// <summary>The contradiction without the answer's words, for a finding that withholds the text.</summary>
    public static string ContradictedWithheld(Source source, Contradiction.PassageConflicts found) =>
        $"Source {Name(source)} states a different {string.Join(", ", found.Conflicts.Select(c => c.Kind).Distinct())} than the answer.";

    public static string Share(int hits, int total) => $"{hits} of {total} checkable claims are supported by their sources.";

    // Numbers and names say most about what went wrong: "does not mention 1912" beats "lacks open".
    private static List<string> Telling(AnalyzedText claim, IReadOnlyList<string> missing) => missing
        .Where(m => m.Length > 0 && (char.IsDigit(m[0]) || (char.IsUpper(m[0]) && IsEntity(claim, m))))
        .Take(3)
        .ToList();

    private static bool IsEntity(AnalyzedText claim, string surface)
    {
        var lower = surface.ToLowerInvariant();
        return claim.Entities.Contains(Lexicon.Term(lower.EndsWith("'s", StringComparison.Ordinal) ? lower[..^2] : lower));
    }

    private static string Listed(SourceSet sources)
    {
        var ids = sources.Sources.Take(MaxListed).Select(s => s.Id).ToList();
        return string.Join(", ", ids) + (sources.Count > MaxListed ? ", …" : "");
    }

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
    };
}
