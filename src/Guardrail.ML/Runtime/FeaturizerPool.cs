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
    }

    private sealed class Policy(FeatureSettings settings, float[]? scale) : PooledObjectPolicy<Slot>
    {
        public override Slot Create() => new(settings, scale);

        public override bool Return(Slot obj) => true;
    }
}
