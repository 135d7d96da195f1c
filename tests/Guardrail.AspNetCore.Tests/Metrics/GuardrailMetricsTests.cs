using Guardrail.AspNetCore.Metrics;
using Guardrail.Testing;

namespace Guardrail.AspNetCore.Tests.Metrics;

public sealed class GuardrailMetricsTests
{
    [Fact]
    public async Task Constructor_NoTraffic_JudgeSeriesExportedAtZero()
    {
        var metrics = new GuardrailMetrics(Prometheus.Metrics.NewCustomRegistry());

        var text = await MetricsText.OfAsync(metrics.Registry);
        foreach (var outcome in JudgeLabels.Outcomes) Assert.Contains($"guardrail_judge_evaluations_total{{outcome=\"{outcome}\"}} 0", text);
        foreach (var category in JudgeLabels.Categories) Assert.Contains($"guardrail_judge_disagreements_total{{category=\"{category}\"}} 0", text);
    }

    [Fact]
    public async Task Constructor_NoTraffic_ReloadResultsAndStreamSeriesExportedAtZero()
    {
        var metrics = new GuardrailMetrics(Prometheus.Metrics.NewCustomRegistry());

        var text = await MetricsText.OfAsync(metrics.Registry);
        Assert.Contains("guardrail_rules_reloads_total{result=\"success\"} 0", text);
        Assert.Contains("guardrail_rules_reloads_total{result=\"failure\"} 0", text);
        Assert.Contains("guardrail_stream_cutoffs_total 0", text);
        Assert.Contains("guardrail_stream_leaked_chars_count 0", text);
    }

    [Fact]
    public async Task WithCategories_ToxicityCategories_ScoreSeriesExportedAtZero()
    {
        var metrics = new GuardrailMetrics(Prometheus.Metrics.NewCustomRegistry()).WithCategories(["toxicity", "insult", "hate", "threat", "profanity"]);

        var text = await MetricsText.OfAsync(metrics.Registry);
        foreach (var category in new[] { "toxicity", "insult", "hate", "threat", "profanity" })
        {
            Assert.Contains($"guardrail_score_count{{category=\"{category}\"}} 0", text);
        }
    }

    [Fact]
    public void ScoreCategories_ClassifierAndDetector_ClassifierCategoriesAndDetectorName()
    {
        var registry = new Guardrail.Detection.DetectorRegistry([new Guardrail.Pii.PiiDetector(), new FakeClassifier()]);

        Assert.Equal(["pii", "toxicity", "threat"], registry.ScoreCategories);
    }

    private sealed class FakeClassifier : Guardrail.Detection.IClassifier
    {
        public string Name => "tox";
        public IReadOnlyCollection<string> Categories { get; } = ["toxicity", "threat"];
        public IReadOnlyDictionary<string, string> Models { get; } = new Dictionary<string, string>();
        public IReadOnlyList<Guardrail.Detection.Signal> Detect(Guardrail.Detection.TextTarget target) => [];
    }
}
