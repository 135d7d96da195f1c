using Microsoft.ML.Data;

namespace Guardrail.ML.Training;

/// <summary>One featurised training example as ML.NET sees it.</summary>
public sealed class FeatureRow
{
    /// <summary>The label.</summary>
    public bool Label { get; set; }

    /// <summary>Example weight (per-source balance).</summary>
    public float Weight { get; set; } = 1f;

    /// <summary>The hashed n-gram features.</summary>
    public VBuffer<float> Features { get; set; }
}
