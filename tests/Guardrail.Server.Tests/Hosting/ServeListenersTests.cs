using System.Net;
using Guardrail.Server.Hosting;
using Guardrail.Testing;

namespace Guardrail.Server.Tests.Hosting;

/// <summary>The serve host on real Kestrel: proxy and admin endpoints on separate listeners.</summary>
public sealed class ServeListenersTests
{
    [Fact]
    public async Task Build_TwoListeners_AdminServesHealthAndMetricsOnly()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = ctx => Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(ctx.Response, "from upstream");
        var proxyUrl = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var adminUrl = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var settings = new ServeSettings(upstream.BaseAddress.ToString().TrimEnd('/'), proxyUrl, adminUrl, RepoPaths.Rules, null);
        await using var app = GuardrailApp.Build(settings, ["--Guardrail:WatchRules=false", $"--Guardrail:Toxicity:ModelsDirectory={RepoPaths.Models}"]);
        await app.StartAsync();
        using var http = new HttpClient();

        Assert.Equal("Healthy", await http.GetStringAsync(adminUrl + "/healthz"));
        Assert.Equal("Healthy", await http.GetStringAsync(adminUrl + "/readyz"));
        Assert.Contains("guardrail_stream_cutoffs_total", await http.GetStringAsync(adminUrl + "/metrics"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(adminUrl + "/v1/chat/completions")).StatusCode);
        Assert.Equal("from upstream", await http.GetStringAsync(proxyUrl + "/healthz"));
        Assert.Equal("from upstream", await http.GetStringAsync(proxyUrl + "/metrics"));
        await app.StopAsync();
    }
}
