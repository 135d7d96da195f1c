using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Guardrail.Testing;

namespace Guardrail.Server.Tests.Observability;

/// <summary>The shipped Grafana dashboards, Prometheus rules and their paths, read the way Grafana and Prometheus read them.</summary>
internal static partial class DashboardFiles
{
    /// <summary>The uid of the provisioned Prometheus data source every panel refers to.</summary>
    public const string DatasourceUid = "guardrail-prometheus";

    public static string Root => Path.Combine(RepoPaths.Root, "dashboards");

    public static string DashboardsDirectory => Path.Combine(Root, "grafana", "dashboards");

    public static string RulesFile => Path.Combine(Root, "prometheus", "alerts", "guardrail.rules.yml");

    public static string RulesTestFile => Path.Combine(Root, "prometheus", "alerts", "guardrail.rules.test.yml");

    public static string PrometheusConfig => Path.Combine(Root, "prometheus", "prometheus.yml");

    /// <summary>Each dashboard file's name (without extension) and its JSON model.</summary>
    public static IEnumerable<(string Name, JsonObject Model)> Dashboards() =>
        Directory.EnumerateFiles(DashboardsDirectory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), JsonNode.Parse(File.ReadAllText(f))!.AsObject()));

    /// <summary>Every panel, rows' nested panels included.</summary>
    public static IEnumerable<JsonObject> Panels(JsonObject dashboard)
    {
        foreach (var panel in dashboard["panels"]?.AsArray() ?? [])
        {
            yield return panel!.AsObject();
            foreach (var nested in panel["panels"]?.AsArray() ?? []) yield return nested!.AsObject();
        }
    }

    /// <summary>Every PromQL expression: panel targets and annotation queries, with where it comes from.</summary>
    public static IEnumerable<(string Dashboard, string Panel, string RefId, string Expr)> Queries()
    {
        foreach (var (name, model) in Dashboards())
        {
            foreach (var panel in Panels(model))
            {
                foreach (var target in panel["targets"]?.AsArray() ?? [])
                {
                    if ((string?)target?["expr"] is { Length: > 0 } expr) yield return (name, (string)panel["title"]!, (string)target!["refId"]!, expr);
                }
            }
            foreach (var annotation in model["annotations"]?["list"]?.AsArray() ?? [])
            {
                if ((string?)annotation?["expr"] is { Length: > 0 } expr) yield return (name, "annotation: " + (string)annotation!["name"]!, "-", expr);
            }
        }
    }

    /// <summary>Every query variable as (dashboard, name, metric, label) from its <c>label_values(metric, label)</c>.</summary>
    public static IEnumerable<(string Dashboard, string Name, string Metric, string Label)> Variables()
    {
        foreach (var (name, model) in Dashboards())
        {
            foreach (var variable in model["templating"]?["list"]?.AsArray() ?? [])
            {
                var query = (string?)variable?["query"]?["query"] ?? (string?)variable?["query"] ?? "";
                var match = LabelValues().Match(query);
                if (!match.Success) throw new InvalidOperationException($"{name}: variable {(string?)variable?["name"]} is not label_values(metric, label): {query}");
                yield return (name, (string)variable!["name"]!, match.Groups[1].Value, match.Groups[2].Value);
            }
        }
    }

    /// <summary>
    /// The expression as Prometheus must run it: Grafana's interval macros become concrete windows (the test's traffic
    /// is all within the last minute) and dashboard variables match everything, as their "All" value does.
    /// </summary>
    public static string Concrete(string expr)
    {
        var concrete = expr
            .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
            .Replace("$__interval", "15s", StringComparison.Ordinal)
            .Replace("$__range", "5m", StringComparison.Ordinal);
        return Variable().Replace(concrete, ".*");
    }

    /// <summary>The metric names an expression reads (<c>guardrail_*</c>, histogram suffixes removed).</summary>
    public static IEnumerable<string> MetricNames(string expr) =>
        MetricName().Matches(expr).Select(m => HistogramSuffix().Replace(m.Value, "")).Distinct();

    [GeneratedRegex(@"^\s*label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"\$\{?[a-zA-Z][a-zA-Z0-9_]*\}?")]
    private static partial Regex Variable();

    [GeneratedRegex(@"\bguardrail_[a-z_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
