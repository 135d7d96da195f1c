using YamlDotNet.RepresentationModel;

namespace Guardrail.Server.Tests.Observability;

/// <summary>The shipped Prometheus rules and example configuration, checked and unit-tested by promtool.</summary>
public sealed class AlertRulesTests
{
    [Fact]
    public async Task PromtoolCheckRules_ShippedRules_ExitsZero()
    {
        var (exitCode, output) = await PrometheusTools.PromtoolAsync("check", "rules", DashboardFiles.RulesFile);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task PromtoolTestRules_ShippedRuleTests_ExitsZero()
    {
        var (exitCode, output) = await PrometheusTools.PromtoolAsync("test", "rules", DashboardFiles.RulesTestFile);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task PromtoolCheckConfig_ExamplePrometheusYml_ExitsZero()
    {
        var (exitCode, output) = await PrometheusTools.PromtoolAsync("check", "config", DashboardFiles.PrometheusConfig);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void RuleTests_EveryAlert_HasCasesThatFireAndThatStayQuiet()
    {
        var alerts = Load(DashboardFiles.RulesFile)["groups"].AllNodes.OfType<YamlMappingNode>()
            .Where(n => n.Children.ContainsKey("alert"))
            .Select(n => n["alert"].ToString())
            .ToHashSet();
        var cases = Load(DashboardFiles.RulesTestFile)["tests"].AllNodes.OfType<YamlMappingNode>()
            .Where(n => n.Children.ContainsKey("alertname"))
            .Select(n => (Alert: n["alertname"].ToString(), Fires: ((YamlSequenceNode)n["exp_alerts"]).Children.Count > 0))
            .ToList();

        Assert.NotEmpty(alerts);
        foreach (var alert in alerts)
        {
            Assert.True(cases.Any(c => c.Alert == alert && c.Fires), $"No promtool case where {alert} fires");
            Assert.True(cases.Any(c => c.Alert == alert && !c.Fires), $"No promtool case where {alert} stays quiet");
        }
        Assert.All(cases, c => Assert.Contains(c.Alert, alerts));
    }

    [Fact]
    public void Rules_EveryAlert_HasSeverityAndActionableAnnotations()
    {
        var rules = Load(DashboardFiles.RulesFile)["groups"].AllNodes.OfType<YamlMappingNode>().Where(n => n.Children.ContainsKey("alert")).ToList();

        foreach (var rule in rules)
        {
            var name = rule["alert"].ToString();
            Assert.Contains(((YamlMappingNode)rule["labels"])["severity"].ToString(), new[] { "warning", "critical" });
            Assert.True(rule.Children.ContainsKey("for"), $"{name} has no 'for:'");
            var annotations = (YamlMappingNode)rule["annotations"];
            Assert.False(string.IsNullOrWhiteSpace(annotations["summary"].ToString()), $"{name} has no summary");
            Assert.True(annotations["description"].ToString().Length > 80, $"{name}'s description does not say what to do");
        }
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
