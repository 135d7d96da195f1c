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
        return new SourceAlignment(source, support, detail, features[NegationFeature] > 0.5f);
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
