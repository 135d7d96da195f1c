using Guardrail.AspNetCore.Metrics;
using Guardrail.Testing;
using YamlDotNet.RepresentationModel;

namespace Guardrail.Server.Tests.Observability;

/// <summary>The shipped Grafana dashboards and provisioning files, checked without Grafana.</summary>
public sealed class DashboardFilesTests
{
    [Fact]
    public void Dashboards_Shipped_OverviewGroundingAndFeedback()
    {
        Assert.Equal(["feedback", "grounding", "overview"], DashboardFiles.Dashboards().Select(d => d.Name));
    }

    [Fact]
    public void Dashboards_EveryModel_ProvisionableWithUniqueIds()
    {
        var uids = new HashSet<string>();
        foreach (var (name, model) in DashboardFiles.Dashboards())
        {
            Assert.True((int)model["schemaVersion"]! >= 36, $"{name}: schemaVersion below 36");
            Assert.True(uids.Add((string)model["uid"]!), $"{name}: uid {(string?)model["uid"]} is not unique");
            Assert.Null(model["__inputs"]); // an export "for sharing externally" needs an import step; provisioning does not
            var ids = DashboardFiles.Panels(model).Select(p => (int)p["id"]!).ToList();
            Assert.True(ids.Count == ids.Distinct().Count(), $"{name}: panel ids repeat");
        }
    }

    [Fact]
    public void Dashboards_EveryPanelAndTarget_UseTheProvisionedDatasourceUid()
    {
        foreach (var (name, model) in DashboardFiles.Dashboards())
        {
            foreach (var panel in DashboardFiles.Panels(model).Where(p => p["targets"] is not null))
            {
                var title = (string?)panel["title"];
                Assert.True((string?)panel["datasource"]?["uid"] == DashboardFiles.DatasourceUid, $"{name} / {title}: panel data source");
                foreach (var target in panel["targets"]!.AsArray())
                {
                    Assert.True((string?)target!["datasource"]?["uid"] == DashboardFiles.DatasourceUid, $"{name} / {title}: target data source");
                }
            }
            Assert.DoesNotContain("${DS_", model.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dashboards_EveryMetricName_ExportedByGuardrailMetrics()
    {
        var exported = (await MetricsText.OfAsync(new GuardrailMetrics(Prometheus.Metrics.NewCustomRegistry()).Registry))
            .Split('\n')
            .Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[2])
            .ToHashSet();

        foreach (var (dashboard, panel, _, expr) in DashboardFiles.Queries())
        {
            foreach (var metric in DashboardFiles.MetricNames(expr))
            {
                Assert.True(exported.Contains(metric), $"{dashboard} / {panel} reads {metric}, which Guardrail does not export");
            }
        }
    }

    [Fact]
    public void Provisioning_Datasource_HasTheUidTheDashboardsUse()
    {
        var root = Load(Path.Combine(DashboardFiles.Root, "grafana", "provisioning", "datasources", "prometheus.yaml"));
        var datasource = (YamlMappingNode)((YamlSequenceNode)root["datasources"]).Children.Single();

        Assert.Equal(DashboardFiles.DatasourceUid, datasource["uid"].ToString());
        Assert.Equal("prometheus", datasource["type"].ToString());
    }

    [Fact]
    public void Provisioning_DashboardProvider_ReadsFilesFromAFolder()
    {
        var root = Load(Path.Combine(DashboardFiles.Root, "grafana", "provisioning", "dashboards", "guardrail.yaml"));
        var provider = (YamlMappingNode)((YamlSequenceNode)root["providers"]).Children.Single();

        Assert.Equal("file", provider["type"].ToString());
        Assert.Equal("${GUARDRAIL_DASHBOARDS_DIR}", ((YamlMappingNode)provider["options"])["path"].ToString());
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
