using System.Net;
using Guardrail.AspNetCore.Admin;
using Guardrail.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Guardrail.Testing.Admin;

/// <summary>
/// The guard with both listeners on real Kestrel (loopback): the proxy in front of an upstream, and the admin listener
/// with <c>MapGuardrailAdmin</c> (health, metrics, admin API and UI) over an audit store.
/// </summary>
public sealed class AdminProxy : IAsyncDisposable
{
    /// <summary>A key of the accepted shape.</summary>
    public const string ApiKey = "test-admin-key-0123456789abcdef";

    private readonly WebApplication _app;

    private AdminProxy(WebApplication app, Uri proxy, Uri admin)
    {
        _app = app;
        ProxyAddress = proxy;
        AdminAddress = admin;
    }

    /// <summary>The proxy listener, e.g. <c>http://127.0.0.1:51234/</c>.</summary>
    public Uri ProxyAddress { get; }

    /// <summary>The admin listener.</summary>
    public Uri AdminAddress { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts both listeners. <paramref name="store"/> null means no audit store is registered.</summary>
    public static async Task<AdminProxy> StartAsync(Uri upstream, IAuditStore? store, string? apiKey = ApiKey, Action<GuardrailAdminOptions>? admin = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var adminPort = LoopbackPorts.Free();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, adminPort);
        });
        builder.Services.AddSingleton(Prometheus.Metrics.NewCustomRegistry());
        builder.Services.AddGuardrail(o =>
        {
            o.RulesDirectory = RepoPaths.Rules;
            o.WatchRules = false;
        }).AddShippedModels(RepoPaths.Models);
        builder.Services.AddGuardrailAdmin(o =>
        {
            o.ApiKey = apiKey;
            admin?.Invoke(o);
        });
        if (store is not null) builder.Services.AddSingleton(store);
        var route = new RouteConfig
        {
            RouteId = "test",
            ClusterId = "upstream",
            Match = new RouteMatch { Path = "{**catch-all}" },
            Metadata = new Dictionary<string, string> { ["GuardrailPolicy"] = "default" },
        };
        var cluster = new ClusterConfig
        {
            ClusterId = "upstream",
            Destinations = new Dictionary<string, DestinationConfig> { ["d"] = new() { Address = upstream.ToString() } },
        };
        builder.Services.AddReverseProxy().LoadFromMemory([route], [cluster]);
        var app = builder.Build();
        app.MapGuardrailAdmin(adminPort);
        app.MapReverseProxy(p => p.UseGuardrail());
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new AdminProxy(app, addresses.First(a => a.Port != adminPort), addresses.First(a => a.Port == adminPort));
    }

    /// <summary>A client for the admin listener, with the key in <c>X-Guardrail-Api-Key</c> unless <paramref name="key"/> is null.</summary>
    public HttpClient AdminClient(string? key = ApiKey)
    {
        var client = new HttpClient { BaseAddress = AdminAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Guardrail-Api-Key", key);
        return client;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
