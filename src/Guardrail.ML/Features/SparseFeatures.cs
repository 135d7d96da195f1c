namespace Guardrail.ML.Features;

/// <summary>A reusable sparse feature vector: sorted indices and their values, valid up to <see cref="Count"/>.</summary>
/// <remarks>Arrays are reused between texts so scoring in the hot path allocates nothing once warmed up.</remarks>
public sealed class SparseFeatures
{
    internal int[] IndexArray = new int[256];
    internal float[] ValueArray = new float[256];

    /// <summary>Number of non-zero features.</summary>
    public int Count { get; internal set; }

    /// <summary>Feature indices in ascending order.</summary>
    public ReadOnlySpan<int> Indices => IndexArray.AsSpan(0, Count);

    /// <summary>Feature values, aligned with <see cref="Indices"/>.</summary>
    public ReadOnlySpan<float> Values => ValueArray.AsSpan(0, Count);

    internal void EnsureCapacity(int n)
    {
        if (IndexArray.Length >= n) return;
        var size = Math.Max(n, IndexArray.Length * 2);
        Array.Resize(ref IndexArray, size);
        Array.Resize(ref ValueArray, size);
    }

    /// <summary>Copies the current features into new arrays (for training sets).</summary>
    public (int[] Indices, float[] Values) ToArrays() => (Indices.ToArray(), Values.ToArray());
}
