using System.Text.Json.Nodes;
using Guardrail.Detection;

namespace Guardrail.Grounding;

/// <summary>
/// The grounding check (DESIGN §5): parses an answer's citations, cuts it into claims, and aligns each checkable
/// claim with the sources it cites (or, uncited, with every source). Pure; returns results, never throws for
/// expected input. Its work is bounded by the sources' limits and <see cref="SourceOptions.MaxClaims"/>.
/// </summary>
public static class GroundingChecker
{
    /// <summary>Checks <paramref name="answer"/> against <paramref name="sources"/> with <paramref name="options"/> (default: the set's own).</summary>
    public static GroundingResult Check(
        string answer, SourceSet sources, ISupportScorer scorer, SourceOptions? options = null, IReadOnlyList<AnswerAnnotation>? annotations = null)
    {
        options ??= sources.Options;
        if (sources.Count == 0) return new GroundingResult([], [], default, []); // nothing to ground in: no findings, no score
        var claims = ClaimSegmenter.Segment(answer, CitationParser.Parse(answer, sources, annotations));
        var results = new List<ClaimResult>(claims.Count);
        var issues = new List<GroundingIssue>();
        var languages = new SortedSet<string>(StringComparer.Ordinal);
        int counted = 0, hits = 0, overLimit = 0;
        var unions = new Dictionary<string, Source>(StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            var (cited, anyCitation) = Resolve(claim, sources, issues);
            if (!claim.Checkable)
            {
                if (claim.Skip == ClaimSkip.UnsupportedLanguage) languages.Add(claim.Language);
                results.Add(new ClaimResult(claim, ClaimOutcome.Skipped));
                continue;
            }
            if (counted >= options.MaxClaims)
            {
                overLimit++;
                results.Add(new ClaimResult(claim, ClaimOutcome.OverLimit));
                continue;
            }
            counted++;
            var analysis = AnalyzedText.Analyze(claim.Content, sentences: false);
            Quotes(claim, sources, scorer, issues);
            var result = cited.Count > 0 ? Cited(claim, analysis, cited, sources, scorer, options, issues)
                : anyCitation ? new ClaimResult(claim, ClaimOutcome.Fabricated, 0)
                : Uncited(claim, analysis, sources, scorer, options, issues, unions);
            if (result.Supported) hits++;
            results.Add(result);
        }
        var notChecked = languages.Select(l => $"sentences in an unsupported language ({l}) were not checked").ToList();
        if (overLimit > 0) notChecked.Add($"only the first {options.MaxClaims} claims of an answer text are checked; {overLimit} more were not");
        return new GroundingResult(results, issues, new ScoreShare(hits, counted), notChecked);
    }

    // The sources the claim's citations name, in citation order; a citation naming none is reported as fabricated.
    private static (List<(Citation Citation, Source Source)> Cited, bool Any) Resolve(Claim claim, SourceSet sources, List<GroundingIssue> issues)
    {
        var cited = new List<(Citation, Source)>();
        var any = false;
        foreach (var c in claim.Citations)
        {
            var unknown = new List<string>();
            foreach (var id in c.Ids)
            {
                var source = c.IsUrl ? sources.FindByUrl(id) : sources.Resolve(id);
                if (source is not null) cited.Add((c, source));
                // A bare URL may just be a link to read on, and URLs cannot be judged when no source has one.
                else if (!c.IsUrl || (c.Kind != CitationKind.Url && sources.AnyUrl)) unknown.Add(id);
            }
            if (unknown.Count == 0 && !cited.Any(x => x.Item1 == c)) continue;
            any = true;
            if (unknown.Count == 0) continue;
            var evidence = new JsonObject
            {
                ["citation"] = c.Marker,
                ["source"] = unknown[0],
                ["citationSpan"] = GroundingEvidence.Span(c.Span),
                ["sources"] = new JsonArray(sources.Sources.Take(20).Select(s => (JsonNode?)s.Id).ToArray()),
            };
            issues.Add(new GroundingIssue(GroundingKinds.FabricatedCitation, 1, claim.Span,
                GroundingExplanations.Fabricated(c, unknown, sources), evidence));
        }
        return (cited, any);
    }

    private static ClaimResult Cited(Claim claim, AnalyzedText analysis, List<(Citation Citation, Source Source)> cited,
        SourceSet sources, ISupportScorer scorer, SourceOptions options, List<GroundingIssue> issues)
    {
        SourceAlignment? best = null;
        Citation? bestCitation = null;
        var seen = new HashSet<Source>(ReferenceEqualityComparer.Instance);
        foreach (var (citation, source) in cited)
        {
            if (!seen.Add(source)) continue; // "[1] … [1]" aligns once
            var a = SourceAlignment.Of(analysis, source, scorer);
            if (best is null || a.Support > best.Value.Support) (best, bestCitation) = (a, citation);
        }
        var top = best!.Value;
        // A wrong value in the passage the claim restates is a contradiction, whatever the overlap says: the claim's
        // number may well be elsewhere in the source (a prize year moved from another sentence).
        if (Contradicted(claim, analysis, bestCitation!.Marker, top, [.. seen.Select(s => s.Analysis)], issues)) return new ClaimResult(claim, ClaimOutcome.Unsupported, Math.Min(top.Support, SourceAlignment.CappedSupport), top.Source.Id);
        if (top.Support >= options.SupportThreshold) return new ClaimResult(claim, ClaimOutcome.Supported, top.Support, top.Source.Id);
        // "… [1][2]": a claim whose parts each come from one of its cited sources is supported by them together.
        if (seen.Count >= 2 && Union(seen) is { } union && SourceAlignment.Of(analysis, union, scorer) is { } joint
            && joint.Support >= options.SupportThreshold)
        {
            return new ClaimResult(claim, ClaimOutcome.Supported, joint.Support, union.Id);
        }

        if (SourceAlignment.Best(analysis, sources.Sources.Where(s => !seen.Contains(s)), scorer) is { } other
            && other.Support >= options.SupportThreshold)
        {
            var evidence = GroundingEvidence.Of(bestCitation!.Marker, other, analysis);
            evidence["cited"] = top.Source.Id;
            evidence["citedSupport"] = GroundingEvidence.Round(top.Support);
            issues.Add(new GroundingIssue(GroundingKinds.MisattributedCitation, other.Support, claim.Span,
                GroundingExplanations.Misattributed(top, other), evidence));
            return new ClaimResult(claim, ClaimOutcome.Misattributed, top.Support, top.Source.Id);
        }
        var missing = GroundingEvidence.MissingSurface(analysis, top.Detail.Missing);
        issues.Add(new GroundingIssue(GroundingKinds.UnsupportedClaim, 1 - top.Support, claim.Span,
            GroundingExplanations.Unsupported(top, missing, analysis), GroundingEvidence.Of(bestCitation!.Marker, top, analysis))
        {
            WithheldExplanation = GroundingExplanations.UnsupportedWithheld(top),
        });
        return new ClaimResult(claim, ClaimOutcome.Unsupported, top.Support, top.Source.Id);
    }

    private static ClaimResult Uncited(Claim claim, AnalyzedText analysis, SourceSet sources, ISupportScorer scorer,
        SourceOptions options, List<GroundingIssue> issues, Dictionary<string, Source> unions)
    {
        // Every source aligned once: the best is the first with the highest support, and the joined set below ranks them all.
        var alignments = sources.Sources.Select(s => SourceAlignment.Of(analysis, s, scorer)).ToList();
        SourceAlignment? best = null;
        foreach (var a in alignments) if (best is null || a.Support > best.Value.Support) best = a;
        List<AnalyzedText> all = [.. sources.Sources.Select(s => s.Analysis)];
        // An uncited claim over supplied sources ("summarise this") is checked against its best passage too.
        if (best is { } aligned && Contradicted(claim, analysis, null, aligned, all, issues))
        {
            return new ClaimResult(claim, ClaimOutcome.UncitedUnsupported, Math.Min(aligned.Support, SourceAlignment.CappedSupport), aligned.Source.Id);
        }
        var supported = best is { } b && b.Support >= options.SupportThreshold;
        // A summary sentence joins facts from several sources ("built in 1868 [source 1], supplied water until 1952 [source
        // 2]"): the sources that support it best, together, are judged like a claim citing them all.
        if (!supported && best is not null && sources.Count >= 2 && Joined(analysis, alignments, scorer, unions) is { } joint)
        {
            if (Contradicted(claim, analysis, null, joint, all, issues))
            {
                return new ClaimResult(claim, ClaimOutcome.UncitedUnsupported, Math.Min(joint.Support, SourceAlignment.CappedSupport), joint.Source.Id);
            }
            if (joint.Support >= options.SupportThreshold) (best, supported) = (joint, true);
        }
        if (options.RequireCitations)
        {
            var evidence = best is { } e ? GroundingEvidence.Of(null, e, analysis) : new JsonObject();
            issues.Add(new GroundingIssue(GroundingKinds.UncitedClaim, 1, claim.Span,
                GroundingExplanations.Uncited(best, options.SupportThreshold), evidence));
        }
        return new ClaimResult(claim, supported ? ClaimOutcome.UncitedSupported : ClaimOutcome.UncitedUnsupported, best?.Support, best?.Source.Id);
    }

    /// <summary>How many of the best-aligned sources an uncited claim is judged against together.</summary>
    internal const int JoinedSources = 3;

    // The best few sources for the claim (in source order), joined; each joined set is built once per answer.
    private static SourceAlignment? Joined(AnalyzedText analysis, List<SourceAlignment> alignments, ISupportScorer scorer, Dictionary<string, Source> unions)
    {
        var ranked = alignments
            .Select((a, i) => (a.Source, Index: i, a.Support))
            .OrderByDescending(x => x.Support).ThenBy(x => x.Index)
            .Take(JoinedSources)
            .OrderBy(x => x.Index)
            .Select(x => x.Source)
            .ToList();
        var key = string.Join("+", ranked.Select(s => s.Id));
        if (!unions.TryGetValue(key, out var union))
        {
            if (Union(ranked) is not { } made) return null;
            unions[key] = union = made;
        }
        return SourceAlignment.Of(analysis, union, scorer);
    }

    // The cited sources as one text (id "1+2"), in citation order, each its own paragraph so no sentence spans two.
    private static Source? Union(IEnumerable<Source> cited)
    {
        var list = cited.ToList();
        return list.Count < 2 ? null : new Source(string.Join("+", list.Select(s => s.Id)), null, null, string.Join("\n\n", list.Select(s => s.Text.TrimEnd())), "cited sources together");
    }

    // A value the aligned passage states differently; the claim's other sources (cited, or every source when uncited) may hold its value.
    private static bool Contradicted(Claim claim, AnalyzedText analysis, string? citation, SourceAlignment aligned, IReadOnlyList<AnalyzedText> others, List<GroundingIssue> issues)
    {
        if (Contradiction.ConflictFinder.Find(analysis, aligned.Source.Analysis, others) is not { Conflicts.Count: > 0 } found) return false;
        var support = Math.Min(aligned.Support, SourceAlignment.CappedSupport);
        issues.Add(new GroundingIssue(GroundingKinds.ContradictedClaim, 1 - support, claim.Span,
            GroundingExplanations.Contradicted(aligned.Source, found), GroundingEvidence.Contradiction(citation, aligned.Source, found, support))
        {
            WithheldExplanation = GroundingExplanations.ContradictedWithheld(aligned.Source, found),
        });
        return true;
    }

    private static void Quotes(Claim claim, SourceSet sources, ISupportScorer scorer, List<GroundingIssue> issues)
    {
        foreach (var q in QuoteFinder.Find(claim.Content, claim.Span.Start))
        {
            var quote = claim.Content[(q.Start - claim.Span.Start)..(q.End - claim.Span.Start)];
            var pieces = QuoteFolding.Pieces(quote);
            if (pieces.Count == 0 || sources.Sources.Any(s => QuoteFolding.Contains(s.Folded, pieces))) continue;
            var analysis = AnalyzedText.Analyze(quote, sentences: false);
            var evidence = SourceAlignment.Best(analysis, sources.Sources, scorer) is { } best ? GroundingEvidence.Of(null, best, analysis) : new JsonObject();
            evidence["quoteSpan"] = GroundingEvidence.Span(q);
            issues.Add(new GroundingIssue(GroundingKinds.QuoteNotFound, 1, claim.Span, GroundingExplanations.QuoteNotFound, evidence));
        }
    }
}
