using Guardrail.ML.Features;
using Microsoft.Extensions.ObjectPool;

namespace Guardrail.ML.Runtime;

/// <summary>Pooled featurizers for one set of feature settings; each holds about 1 MB of scratch, so they are reused.</summary>
internal sealed class FeaturizerPool
{
    private readonly ObjectPool<Slot> _pool;

    public FeaturizerPool(FeatureSettings settings, float[]? scale = null)
    {
        Settings = settings;
        var provider = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 2 };
        _pool = provider.Create(new Policy(settings, scale));
    }

    public FeatureSettings Settings { get; }

    public Slot Get() => _pool.Get();

    public void Return(Slot slot) => _pool.Return(slot);

    internal sealed class Slot(FeatureSettings settings, float[]? scale)
    {
        public NgramFeaturizer Featurizer { get; } = new(settings, scale);

        public SparseFeatures Features { get; } = new();

        /// <summary>The detector's sentence-and-windows featurizer (see <see cref="SentenceFeaturizer"/>).</summary>
        public SentenceFeaturizer Sentence { get; } = new(settings, scale);

        public SparseFeatures Window { get; } = new();

        /// <summary>Per model, the weights of the sentence's local slots: windows then read them from a few KB, not 4 MB.</summary>
        public float[] LocalWeights = new float[1024];

        /// <summary>Work space of <see cref="WordSumScorer"/>, made on first use (about 1.1 MB).</summary>
        public WordSumScorer.Scratch? Words;
    }

    private sealed class Policy(FeatureSettings settings, float[]? scale) : PooledObjectPolicy<Slot>
    {
        public override Slot Create() => new(settings, scale);

        public override bool Return(Slot obj) => true;
    }
}
