namespace Guardrail.ML.Runtime;

/// <summary>
/// How a model scores windows inside long sentences (manifest <c>window</c>): the window's length and stride in units
/// (a word, or one CJK character) and the window's own flag and block thresholds.
/// </summary>
/// <remarks>
/// A window is scored like a short sentence, but a long sentence has many windows and the best of many benign ones is
/// higher than one benign sentence; so windows get their own operating points, chosen on dev so that they add at most a
/// fixed share of false positives on long benign sentences (<c>Training.WindowTuning</c>). A threshold of 1 means windows
/// never reach that operating point. The models of one language share one geometry: a window is featurised once.
/// </remarks>
/// <param name="Size">Units per window.</param>
/// <param name="Stride">Units between window starts (half the size: every clause of up to half a window lies whole in one).</param>
/// <param name="Threshold">Flag threshold on a window's probability.</param>
/// <param name="BlockThreshold">Block threshold on a window's probability (1: windows never block).</param>
public sealed record WindowSettings(int Size, int Stride, float Threshold, float BlockThreshold)
{
    /// <summary>Whether two settings cut the same windows.</summary>
    public bool SameGeometry(WindowSettings other) => Size == other.Size && Stride == other.Stride;
}
