using System.Text.Json.Nodes;
using Guardrail.AspNetCore.Metrics;
using Guardrail.Testing;
using Guardrail.Testing.Admin;
using Guardrail.Verdicts;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.AspNetCore.Tests.Shadow;

/// <summary>A candidate toxicity model in shadow through the proxy: recorded beside the live decision, never in the response.</summary>
public sealed class ShadowProxyTests
{
    private const string Insult = "You are a complete idiot and everyone hates you.";

    // The shipped models with the English insult model's flag point moved to 1 (never flags): the candidate stops flagging insults.
    private static string Candidate()
    {
        var dir = Directory.CreateTempSubdirectory("shadow-").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Models)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "toxicity.json")))!.AsObject();
        manifest["models"]!.AsArray().Single(m => (string?)m!["name"] == "insult-en")!["threshold"] = 1.0;
        manifest["version"] = "toxicity@shadow-test";
        File.WriteAllText(Path.Combine(dir, "toxicity.json"), manifest.ToJsonString());
        return dir;
    }

    [Fact]
    public async Task Proxy_ShadowDecidesOtherwise_RecordedBesideTheVerdictResponseUnchanged()
    {
        var store = new InMemoryAuditStore();
        await using var f = await ProxyFixture.StartAsync(
            services: s =>
            {
                s.AddSingleton<Guardrail.Audit.IAuditStore>(store);
                s.AddGuardrailAudit(o => o.FlushDelay = TimeSpan.FromMilliseconds(5));
            },
            configuration: new Dictionary<string, string?> { [ToxicityShadowServiceCollectionExtensions.ConfigurationKey] = Candidate() });
        f.Upstream.Answer = Insult;

        var (response, body) = await f.PostChatJsonAsync(Completions.Request("Say something."));
        var id = response.Headers.GetValues("x-guardrail-id").Single();
        IReadOnlyList<Guardrail.Audit.ShadowRecord> shadow = [];
        for (var i = 0; i < 300 && shadow.Count == 0; i++)
        {
            shadow = store.ShadowOf(id);
            await Task.Delay(20);
        }

        Assert.Equal("flag", (string?)body["guardrail"]!["decision"]);
        Assert.Equal(Insult, (string?)body["choices"]![0]!["message"]!["content"]);
        var record = Assert.Single(shadow);
        Assert.Equal(("toxicity@shadow-test", Guardrail.Verdicts.Decision.Flag), (record.Shadow, record.LiveDecision));
        Assert.DoesNotContain(record.Findings, x => x.Rule == "toxicity.insult-answer");
        var metrics = f.Proxy.Services.GetRequiredService<GuardrailMetrics>();
        Assert.Equal(1, metrics.ShadowDecisions.WithLabels("flag", record.ShadowDecision.ToWire()).Value);
    }

    [Fact]
    public async Task Proxy_NoShadowConfigured_NothingRecorded()
    {
        var store = new InMemoryAuditStore();
        await using var f = await ProxyFixture.StartAsync(services: s =>
        {
            s.AddSingleton<Guardrail.Audit.IAuditStore>(store);
            s.AddGuardrailAudit(o => o.FlushDelay = TimeSpan.FromMilliseconds(5));
        });
        f.Upstream.Answer = Insult;

        var response = await f.PostChatAsync(Completions.Request("Say something."));
        await Task.Delay(300);

        Assert.Empty(store.ShadowOf(response.Headers.GetValues("x-guardrail-id").Single()));
    }
}
