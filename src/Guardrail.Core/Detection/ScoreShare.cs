namespace Guardrail.Detection;

/// <summary>
/// A tally behind a share score (e.g. supported claims out of checkable claims). Shares from several texts of one
/// exchange add up, so a score computed sentence by sentence (streaming) equals the score of the whole answer.
/// </summary>
/// <param name="Hits">How many counted items passed.</param>
/// <param name="Total">How many items were counted.</param>
public readonly record struct ScoreShare(int Hits, int Total)
{
    /// <summary>Hits over total; null when nothing was counted (the score is then absent, not 0 or 1).</summary>
    public double? Value => Total == 0 ? null : (double)Hits / Total;

    /// <summary>The sum of two tallies.</summary>
    public static ScoreShare operator +(ScoreShare a, ScoreShare b) => new(a.Hits + b.Hits, a.Total + b.Total);
}
