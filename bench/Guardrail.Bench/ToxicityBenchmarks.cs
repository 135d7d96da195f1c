using BenchmarkDotNet.Attributes;
using Guardrail.ML.Runtime;
using Guardrail.Testing;

namespace Guardrail.Bench;

/// <summary>
/// Toxicity scoring in the hot path: a 1 KB English answer scored by both English models (one shared
/// featurisation, two pooled prediction engines), with and without n-gram explanations, and model load time.
/// </summary>
[Config(typeof(BenchConfig))]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
[MemoryDiagnoser]
public class ToxicityBenchmarks
{
    private ToxicityModels _models = null!;
    private string _text = null!;

    [GlobalSetup]
    public void Setup()
    {
        _models = ToxicityModels.Load(ModelsDir);
        _text = BenchTexts.Answer.Length >= 1024 ? BenchTexts.Answer[..1024] : string.Concat(Enumerable.Repeat(BenchTexts.Answer, 1024 / BenchTexts.Answer.Length + 1))[..1024];
    }

    [Benchmark(Baseline = true)]
    public float Score_1KB_English() => _models.Score(_text, "en", 0).Categories[0].Probability;

    [Benchmark]
    public int Score_1KB_English_Explained() => _models.Score(_text, "en", 3).Categories[0].Contributions.Count;

    [Benchmark]
    public int Load_Models() => ToxicityModels.Load(ModelsDir).Languages.Count;

    private static string ModelsDir => Path.Combine(RepoPaths.Root, "models");
}
