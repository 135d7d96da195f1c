using Guardrail.Grounding;

namespace Guardrail.Core.Tests.Grounding;

/// <summary>A hand-written support scorer whose probability comes from a callback over the feature vector.</summary>
internal sealed class FakeScorer(Func<float[], float> score, string version = "grounding-fake@1") : ISupportScorer
{
    public string Version { get; } = version;

    public List<float[]> Seen { get; } = [];

    public float Score(ReadOnlySpan<float> features)
    {
        var copy = features.ToArray();
        Seen.Add(copy);
        return score(copy);
    }

    /// <summary>Word overlap, zeroed when the claim has a number the source lacks (what a trained model learns from feature 6).</summary>
    public static FakeScorer NumberAware() => new(f => f[6] > 0 ? f[0] * 0.2f : f[0]);

    /// <summary>The same probability for every claim and source.</summary>
    public static FakeScorer Always(float p) => new(_ => p);
}
