using Guardrail.ML.Data.Attacks;

namespace Guardrail.ML.Training;

/// <summary>
/// The document side's operating points, chosen together: a document is flagged when its document-model probability
/// (whole text and windows) reaches the document flag <em>or</em> its best segment's segment-model probability reaches the
/// segment flag, as the detector combines them, so the two flags share one false-positive budget.
/// </summary>
/// <remarks>
/// Over every pair of flags (0.05–0.99 by 0.01, and 1 = that model never flags) within the targets on benign dev
/// documents (<see cref="PooledTarget"/> of all of them, <see cref="PerSourceTarget"/> of each source), the pair with the
/// best mean dev detection over the attack sets wins; ties go to fewer pooled false positives, then to higher flags. Each
/// block threshold is the lowest from its flag up (to 0.99) that no benign dev document reaches on that model, else 1.
/// Dev rows only.
/// </remarks>
internal static class JointThresholds
{
    /// <summary>Largest false-positive rate at the flags over all benign dev documents.</summary>
    public const double PooledTarget = 0.01;

    /// <summary>Largest false-positive rate at the flags on the benign dev documents of any one source.</summary>
    public const double PerSourceTarget = 0.05;

    /// <summary>The chosen operating points and the mean dev detection at the flags.</summary>
    public readonly record struct Choice(float DocumentFlag, float DocumentBlock, float SegmentFlag, float SegmentBlock, double Detection);

    /// <summary>Chooses the flags and blocks on <paramref name="dev"/> (each row with both models' probabilities), detection averaged over <paramref name="sets"/>.</summary>
    public static Choice Choose(IReadOnlyList<(AttackExample Row, float Document, float Segment)> dev, IReadOnlyList<string> sets)
    {
        var benign = dev.Where(d => !d.Row.Attack).ToList();
        var sources = benign.Select(d => d.Row.Source).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
        var sourceOf = benign.Select(d => sources.IndexOf(d.Row.Source)).ToArray();
        var perSource = new int[sources.Count];
        foreach (var s in sourceOf) perSource[s]++;
        var attacks = sets.Select(set => dev.Where(d => d.Row.Attack && d.Row.Set == set).ToList()).Where(a => a.Count > 0).ToList();
        var grid = Enumerable.Range(5, 95).Select(i => i / 100f).Append(1f).ToArray();
        Choice? best = null;
        var bestPooled = int.MaxValue;
        var hits = new int[sources.Count];
        foreach (var documentFlag in grid)
        {
            foreach (var segmentFlag in grid)
            {
                Array.Clear(hits);
                var pooled = 0;
                for (var i = 0; i < benign.Count; i++)
                {
                    if (!Flags(benign[i].Document, benign[i].Segment, documentFlag, segmentFlag)) continue;
                    pooled++;
                    hits[sourceOf[i]]++;
                }
                if (pooled > PooledTarget * benign.Count) continue;
                var withinSources = true;
                for (var s = 0; s < sources.Count && withinSources; s++) withinSources = hits[s] <= PerSourceTarget * perSource[s];
                if (!withinSources) continue;
                var detection = attacks.Count == 0 ? 0 : attacks.Average(a => a.Count(d => Flags(d.Document, d.Segment, documentFlag, segmentFlag)) / (double)a.Count);
                var better = best is not { } b || detection > b.Detection + 1e-9
                    || (Math.Abs(detection - b.Detection) <= 1e-9 && (pooled < bestPooled || (pooled == bestPooled && documentFlag + segmentFlag > b.DocumentFlag + b.SegmentFlag)));
                if (!better) continue;
                best = new Choice(documentFlag, 1, segmentFlag, 1, detection);
                bestPooled = pooled;
            }
        }
        var chosen = best ?? new Choice(1, 1, 1, 1, 0);
        return chosen with
        {
            DocumentBlock = Block(chosen.DocumentFlag, benign.Select(d => d.Document)),
            SegmentBlock = Block(chosen.SegmentFlag, benign.Select(d => d.Segment)),
        };
    }

    /// <summary>Whether the detector flags a document with these probabilities at these flags (a flag of 1 never flags).</summary>
    public static bool Flags(float document, float segment, float documentFlag, float segmentFlag) =>
        (documentFlag < 1 && document >= documentFlag) || (segmentFlag < 1 && segment >= segmentFlag);

    private static float Block(float flag, IEnumerable<float> benign)
    {
        if (flag >= 1) return 1;
        var highest = benign.DefaultIfEmpty(0).Max();
        for (var i = (int)MathF.Round(flag * 100); i <= 99; i++)
        {
            if (i / 100f > highest) return i / 100f;
        }
        return 1;
    }
}
