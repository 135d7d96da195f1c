using System.Runtime.CompilerServices;

namespace Guardrail.ML.Features;

/// <summary>A fast, allocation-free, platform-stable 32-bit hash for n-grams (FNV-1a steps, Murmur3 finaliser).</summary>
/// <remarks>
/// string.GetHashCode is randomised per process, so it cannot be used for features saved with a model.
/// FNV-1a lets character n-grams be extended one character at a time; the finaliser spreads the bits.
/// </remarks>
internal static class NgramHash
{
    public const uint Seed = 2166136261;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Step(uint h, char c) => (h ^ c) * 16777619u;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Finish(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    public static uint Word(ReadOnlySpan<char> word)
    {
        var h = Seed ^ 0x9e3779b9;
        foreach (var c in word) h = Step(h, c);
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Pair(uint left, uint right) => Finish(left * 0x27d4eb2d + Finish(right) + 0x165667b1);

    /// <summary>Hash of a word triple from the three word hashes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Triple(uint first, uint second, uint third) => Finish(Pair(first, second) * 0x27d4eb2d + Finish(third) + 0x7f4a7c15);
}
