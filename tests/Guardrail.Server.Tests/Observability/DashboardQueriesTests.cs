using System.Globalization;
using System.Text.Json.Nodes;
using Guardrail.AspNetCore.Metrics;
using Xunit.Abstractions;

namespace Guardrail.Server.Tests.Observability;

/// <summary>
/// Every PromQL expression of every shipped dashboard, run against a real Prometheus scraping a real guardrail under
/// synthetic traffic, returns data; the shipped rules evaluate there without errors.
/// </summary>
public sealed class DashboardQueriesTests(ObservabilityFixture fixture, ITestOutputHelper output) : IClassFixture<ObservabilityFixture>
{
    public static TheoryData<string, string, string, string> PanelQueries()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (dashboard, panel, refId, expr) in DashboardFiles.Queries()) data.Add(dashboard, panel, refId, expr);
        return data;
    }

    public static TheoryData<string, string, string, string> DashboardVariables()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (dashboard, name, metric, label) in DashboardFiles.Variables()) data.Add(dashboard, name, metric, label);
        return data;
    }

    [Theory]
    [MemberData(nameof(PanelQueries))]
    public async Task Query_DashboardPanelTarget_ReturnsData(string dashboard, string panel, string refId, string expr)
    {
        var concrete = DashboardFiles.Concrete(expr);
        var result = await fixture.Prometheus.QueryAsync(concrete);

        var where = $"dashboard '{dashboard}', panel '{panel}', target {refId}: {concrete}";
        Assert.True(result.Count > 0, $"No data for {where}");
        // Present is not enough: a rate over a series that never moved, or 0/0, is NaN and draws nothing.
        Assert.True(result.Any(r => double.IsFinite(Value(r!))), $"Only NaN or infinite values for {where}: {result.ToJsonString()}");
        output.WriteLine($"{where} -> {result.Count} series (setup took {fixture.SetupDuration.TotalSeconds:F1} s)");
    }

    [Theory]
    [MemberData(nameof(DashboardVariables))]
    public async Task LabelValues_DashboardVariable_ReturnsValues(string dashboard, string name, string metric, string label)
    {
        var values = await fixture.Prometheus.LabelValuesAsync(label, metric);

        Assert.True(values.Count > 0, $"dashboard '{dashboard}', variable ${name}: label_values({metric}, {label}) is empty");
    }

    [Fact]
    public async Task Rules_LoadedIntoPrometheus_EvaluateWithoutErrors()
    {
        var body = JsonNode.Parse(await fixture.Prometheus.Http.GetStringAsync("api/v1/rules"))!;
        var rules = body["data"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).ToList();

        Assert.Equal(9, rules.Count);
        foreach (var rule in rules)
        {
            Assert.True((string?)rule!["health"] == "ok", $"Rule {(string?)rule["name"]} is {(string?)rule["health"]}: {(string?)rule["lastError"]}");
            Assert.NotEqual("0001-01-01T00:00:00Z", (string?)rule["lastEvaluation"]);
        }
    }

    [Theory]
    [InlineData("sum(guardrail_requests_total{decision=\"block\"})")]
    [InlineData("sum(guardrail_requests_total{decision=\"redact\",direction=\"request\"})")]
    [InlineData("sum(guardrail_findings_total{category=\"grounding\"})")]
    [InlineData("sum(guardrail_score_count{category=\"grounding\"})")]
    [InlineData("sum(guardrail_check_duration_seconds_count{check=\"grounding\"})")]
    [InlineData("sum(guardrail_overhead_seconds_count{mode=\"observe\"})")]
    [InlineData("sum(guardrail_overhead_seconds_count{mode=\"hold-back\"})")]
    [InlineData("sum(guardrail_upstream_duration_seconds_count)")]
    [InlineData("guardrail_stream_cutoffs_total")]
    [InlineData("guardrail_stream_leaked_chars_sum")]
    [InlineData("guardrail_grounding_claims_total{status=\"supported\"}")]
    [InlineData("guardrail_grounding_claims_total{status=\"unchecked\"}")]
    [InlineData("guardrail_unchecked_total{reason=\"request-too-large\"}")]
    [InlineData("guardrail_unchecked_total{reason=\"request-unreadable\"}")]
    [InlineData("guardrail_unchecked_total{reason=\"upstream-error\"}")]
    [InlineData("guardrail_rules_reloads_total{result=\"success\"}")]
    [InlineData("guardrail_rules_reloads_total{result=\"failure\"}")]
    public async Task Query_SyntheticTraffic_FeedsMetric(string selector)
    {
        var result = await fixture.Prometheus.QueryAsync($"({selector}) > 0");

        Assert.True(result.Count > 0, $"The synthetic traffic did not feed {selector}");
    }

    [Fact]
    public async Task Series_EveryGuardrailMetric_OnlyBoundedLabels()
    {
        var allowed = new HashSet<string> { "__name__", "job", "instance", "le", "route", "direction", "decision", "rule", "category", "action", "check", "mode", "reason", "status", "outcome", "result" };
        var body = JsonNode.Parse(await fixture.Prometheus.Http.GetStringAsync("api/v1/series?match[]=" + Uri.EscapeDataString("{__name__=~\"guardrail_.+\"}")))!;
        var series = body["data"]!.AsArray().Select(s => s!.AsObject()).ToList();

        Assert.NotEmpty(series);
        foreach (var labels in series)
        {
            Assert.All(labels.Select(l => l.Key), name => Assert.Contains(name, allowed));
            // Reasons are codes ("upstream-error", "check-error:toxicity"), never the prose after them.
            if ((string?)labels["reason"] is { } reason) Assert.Matches("^[a-z][a-z0-9:-]*$", reason);
        }
        output.WriteLine("unchecked reasons: " + string.Join(", ", series.Select(s => (string?)s["reason"]).OfType<string>().Distinct()));
    }

    [Fact]
    public async Task Query_JudgeMetrics_EveryLabelExportedAndTheJudgedTrafficCounted()
    {
        var evaluations = await fixture.Prometheus.QueryAsync("guardrail_judge_evaluations_total");
        var comparisons = await fixture.Prometheus.QueryAsync("sum(guardrail_judge_agreements_total) + sum(guardrail_judge_disagreements_total)");
        var disagreements = await fixture.Prometheus.QueryAsync("guardrail_judge_disagreements_total");

        Assert.Equal(JudgeLabels.Outcomes.Order(), evaluations.Select(s => (string)s!["metric"]!["outcome"]!).Order());
        Assert.True(evaluations.Where(s => (string?)s!["metric"]!["outcome"] is "violated" or "clean").Sum(s => Value(s!)) > 0);
        Assert.True(Value(comparisons.Single()!) > 0);
        Assert.Equal(JudgeLabels.Categories.Length, disagreements.Count);
    }

    // Prometheus writes sample values as strings: a number, "NaN", "+Inf" or "-Inf".
    private static double Value(JsonNode series) => (string)series["value"]![1]! switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        var text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
