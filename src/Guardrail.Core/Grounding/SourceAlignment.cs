namespace Guardrail.Grounding;

/// <summary>A claim aligned with one source: the scorer's support and what alignment found.</summary>
/// <param name="Source">The source.</param>
/// <param name="Support">The scorer's support probability, clamped to [0, 1] (NaN counts as 0).</param>
/// <param name="Detail">Best sentence and the claim terms the source lacks.</param>
/// <param name="NegationMismatch">True when exactly one of the claim and the best sentence is negated.</param>
internal readonly record struct SourceAlignment(Source Source, double Support, SupportAlignment Detail, bool NegationMismatch)
{
    private const int NegationFeature = 8; // SupportFeatures.Names[8]: negation_mismatch

    /// <summary>Aligns <paramref name="claim"/> with <paramref name="source"/> and scores it.</summary>
    public static SourceAlignment Of(AnalyzedText claim, Source source, ISupportScorer scorer)
    {
        Span<float> features = stackalloc float[SupportFeatures.Count];
        var detail = SupportFeatures.Compute(claim, source.Analysis, features);
        var p = scorer.Score(features);
        var support = float.IsNaN(p) ? 0 : Math.Clamp(p, 0f, 1f);
        support = Math.Min(support, ContradictionCap(features));
        return new SourceAlignment(source, support, detail, features[NegationFeature] > 0.5f);
    }

    /// <summary>Support never exceeds this when the claim states a detail the source contradicts or lacks.</summary>
    public const float CappedSupport = 0.25f;

    private const int NumbersMissingFeature = 6;   // numbers_missing_share
    private const int EntitiesMissingFeature = 7;  // entities_missing_share
    private const int BestWindowRecallFeature = 2; // best_window_recall

    // The learned model is trained on sets where wrong numbers, swapped names and flipped negations are rare, so a
    // claim that copies a source sentence but changes its year still overlaps almost perfectly and scores high. Those
    // are exactly the errors a citation check exists for, and they are decidable from the text: a number or a name the
    // cited source never mentions, or a negation that only one side has while the words otherwise match, caps support
    // below any sensible threshold (the explanation then names the missing terms). The cap is on the scorer's scale,
    // whichever scorer runs (the calibrated model and the overlap floor both put "supported" at 0.5).
    private static float ContradictionCap(ReadOnlySpan<float> features)
    {
        if (features[NumbersMissingFeature] > 0f) return CappedSupport;
        if (features[EntitiesMissingFeature] > 0f) return CappedSupport;
        if (features[NegationFeature] > 0.5f && features[BestWindowRecallFeature] >= 0.6f) return CappedSupport;
        return 1f;
    }

    /// <summary>The best-supporting of <paramref name="sources"/>; ties go to the earlier source. Null when there are none.</summary>
    public static SourceAlignment? Best(AnalyzedText claim, IEnumerable<Source> sources, ISupportScorer scorer)
    {
        SourceAlignment? best = null;
        foreach (var s in sources)
        {
            var a = Of(claim, s, scorer);
            if (best is null || a.Support > best.Value.Support) best = a;
        }
        return best;
    }
}
