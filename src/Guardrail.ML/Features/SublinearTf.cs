using System.Runtime.CompilerServices;

namespace Guardrail.ML.Features;

/// <summary>The sublinear term frequency 1 + ln(count) every featurizer writes, from a table for the common small counts.</summary>
/// <remarks>
/// A sentence has a few hundred distinct n-grams and nearly all of them occur once or twice; MathF.Log on each was a
/// fifth of what the detector paid per answer. The table holds exactly the values MathF.Log gives, so training
/// (<see cref="NgramFeaturizer"/>, which still calls MathF.Log on its float counts) and scoring produce the same floats.
/// </remarks>
internal static class SublinearTf
{
    private const int Tabled = 256;
    private static readonly float[] Table = Build();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(int count) => (uint)count < Tabled ? Table[count] : 1f + MathF.Log(count);

    private static float[] Build()
    {
        var table = new float[Tabled];
        // Count 0 never reaches here (features with no occurrence are skipped); 1 + ln(0) would be -inf.
        table[0] = float.NegativeInfinity;
        for (var c = 1; c < Tabled; c++) table[c] = 1f + MathF.Log(c);
        return table;
    }
}
