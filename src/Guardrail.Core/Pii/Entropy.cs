namespace Guardrail.Pii;

/// <summary>Shannon entropy of short strings, used to tell random secrets from words.</summary>
public static class Entropy
{
    /// <summary>Bits per character of <paramref name="value"/> (0 for empty); non-ASCII characters share one bucket.</summary>
    public static double BitsPerChar(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return 0;
        Span<int> counts = stackalloc int[129];
        foreach (var c in value) counts[c < 128 ? c : 128]++;
        double h = 0;
        foreach (var n in counts)
        {
            if (n == 0) continue;
            var p = (double)n / value.Length;
            h -= p * Math.Log2(p);
        }
        return h;
    }
}
