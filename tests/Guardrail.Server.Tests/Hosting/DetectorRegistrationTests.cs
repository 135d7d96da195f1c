using Guardrail.Detection;
using Guardrail.Server.Cli;
using Guardrail.Server.Hosting;
using Guardrail.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.Server.Tests.Hosting;

/// <summary>One registration path (DESIGN.md §10.11): the offline commands see exactly the detectors <c>serve</c> has.</summary>
public sealed class DetectorRegistrationTests
{
    [Fact]
    public async Task CliDetectors_ComparedWithServeHost_SameDetectorsAndTypes()
    {
        var settings = new ServeSettings("http://127.0.0.1:1", $"http://127.0.0.1:{LoopbackPorts.Free()}", $"http://127.0.0.1:{LoopbackPorts.Free()}", RepoPaths.Rules, null, Audit: ServeSettings.AuditOff);
        await using var app = GuardrailApp.Build(settings, ["--Guardrail:WatchRules=false", $"--Guardrail:Toxicity:ModelsDirectory={RepoPaths.Models}"]);

        var serve = app.Services.GetRequiredService<DetectorRegistry>();
        var cli = CliDetectors.Create(RepoPaths.Models);

        Assert.Equal(serve.Names.Order(), cli.Names.Order());
        Assert.Contains("toxicity", cli.Names);
        foreach (var name in serve.Names)
        {
            Assert.True(serve.TryGet(name, out var s) & cli.TryGet(name, out var c));
            Assert.Equal(s.GetType(), c.GetType());
        }
        // Grounding scores with the trained support model in both, not the word-overlap floor.
        Assert.IsType<Guardrail.ML.Runtime.CalibratedSupportScorer>(app.Services.GetRequiredService<Guardrail.Grounding.ISupportScorer>());
    }
}
