using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;
using Yarp.ReverseProxy.Configuration;

namespace Guardrail.Testing;

/// <summary>
/// The guard as a .NET team would embed it: a YARP gateway with <c>AddGuardrail</c> and <c>UseGuardrail</c>,
/// on real Kestrel (loopback, random port), in front of an upstream. Each instance has its own metrics registry.
/// </summary>
public sealed class GuardedProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GuardedProxy(WebApplication app, CollectorRegistry registry)
    {
        _app = app;
        Registry = registry;
    }

    /// <summary>Base address of the proxy.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>This proxy's metrics.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a proxy to <paramref name="upstream"/> with the given rules folder and route policy; <paramref name="configuration"/>
    /// adds settings as appsettings would (e.g. <c>Guardrail:Apis:…</c>), <paramref name="routes"/> adds routes to the same
    /// upstream (cluster <c>upstream</c>) before the catch-all one.
    /// </summary>
    public static async Task<GuardedProxy> StartAsync(
        Uri upstream,
        string? rulesDirectory = null,
        string policy = "default",
        Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string?>? configuration = null,
        IReadOnlyList<RouteConfig>? routes = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (configuration is not null) builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var registry = Prometheus.Metrics.NewCustomRegistry();
        builder.Services.AddSingleton(registry);
        builder.Services.AddGuardrail(o =>
        {
            o.RulesDirectory = rulesDirectory ?? RepoPaths.Rules;
            o.WatchRules = false;
        }).AddShippedModels(RepoPaths.Models);
        services?.Invoke(builder.Services);
        var route = new RouteConfig
        {
            RouteId = "test",
            ClusterId = "upstream",
            Match = new RouteMatch { Path = "{**catch-all}" },
            Metadata = new Dictionary<string, string> { ["GuardrailPolicy"] = policy },
        };
        var cluster = new ClusterConfig
        {
            ClusterId = "upstream",
            Destinations = new Dictionary<string, DestinationConfig> { ["d"] = new() { Address = upstream.ToString() } },
        };
        builder.Services.AddReverseProxy().LoadFromMemory([.. routes ?? [], route], [cluster]);
        var app = builder.Build();
        try
        {
            app.MapReverseProxy(p => p.UseGuardrail());
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync(); // a configuration refused at start (tests of startup checks) leaves nothing running
            throw;
        }
        var proxy = new GuardedProxy(app, registry);
        proxy.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return proxy;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
