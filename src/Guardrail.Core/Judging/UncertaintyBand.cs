using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.Judging;

/// <summary>
/// The cascade's trigger (DESIGN.md §9): an exchange is uncertain when a score the verdict reports lies within
/// <c>band</c> of a threshold an active rule applies to it, on either side, or a finding passed its threshold by
/// no more than <c>band</c> (share-scored categories such as grounding report their findings, not their raw scores).
/// </summary>
public static class UncertaintyBand
{
    /// <summary>The first threshold the verdict is near, or null when it is clear of all of them (or <paramref name="band"/> is 0).</summary>
    public static RuleThreshold? Near(Verdict verdict, IReadOnlyList<RuleThreshold> thresholds, double band)
    {
        if (band <= 0) return null;
        foreach (var t in thresholds)
        {
            if (verdict.Scores.TryGetValue(t.ScoreKey, out var score) && Math.Abs(score - t.Threshold) <= band) return t;
        }
        foreach (var f in verdict.Findings)
        {
            if (f.Threshold > 0 && f.Score >= f.Threshold && f.Score - f.Threshold <= band) return new RuleThreshold(f.Rule, f.Category, f.Category, f.Threshold);
        }
        return null;
    }
}
