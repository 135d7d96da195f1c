using System.Net;
using Guardrail.Testing.Admin;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Tests.Admin;

/// <summary>Admin routes live on the admin listener only: the proxy listener proxies those paths like any other.</summary>
public sealed class AdminListenerTests(AdminApiFixture fixture) : IClassFixture<AdminApiFixture>
{
    [Theory]
    [InlineData("/guardrail/api/verdicts")]
    [InlineData("/guardrail/api/verdicts?decision=block")]
    [InlineData("/guardrail/ui")]
    [InlineData("/guardrail/ui/app.js")]
    public async Task ProxyListener_AdminPath_ProxiedToUpstream(string path)
    {
        fixture.Upstream.Handler = ctx => ctx.Response.WriteAsync("upstream saw " + ctx.Request.Path + ctx.Request.QueryString);
        using var proxy = new HttpClient { BaseAddress = fixture.Host.ProxyAddress };
        proxy.DefaultRequestHeaders.Add("X-Guardrail-Api-Key", AdminProxy.ApiKey);

        using var response = await proxy.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("upstream saw " + path, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProxyListener_LabelPost_ProxiedAndNothingStored()
    {
        fixture.Upstream.Handler = ctx => ctx.Response.WriteAsync("upstream");
        using var proxy = new HttpClient { BaseAddress = fixture.Host.ProxyAddress };
        proxy.DefaultRequestHeaders.Add("X-Guardrail-Api-Key", AdminProxy.ApiKey);

        using var response = await proxy.PostAsync($"/guardrail/api/verdicts/{AuditSamples.Pii.Id}/labels",
            new StringContent("""{"label":"correct"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal("upstream", await response.Content.ReadAsStringAsync());
        Assert.Empty(fixture.Store.LabelsOf(AuditSamples.Pii.Id));
    }

    [Fact]
    public async Task AdminListener_OtherPath_404NotProxied()
    {
        var before = fixture.Upstream.RequestBodies.Count;

        using var response = await fixture.Admin.GetAsync("/v1/chat/completions");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, fixture.Upstream.RequestBodies.Count);
    }
}
