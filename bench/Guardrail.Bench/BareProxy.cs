using System.Net;
using Guardrail.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Guardrail.Bench;

/// <summary>
/// A plain YARP passthrough with no guard: the baseline arm. Built exactly like <see cref="GuardedProxy"/>
/// (slim builder, no logging, Kestrel on loopback, one catch-all route to one destination) minus
/// <c>AddGuardrail</c> and <c>UseGuardrail</c>, so the difference between the two arms is the guard.
/// </summary>
public sealed class BareProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareProxy(WebApplication app) => _app = app;

    /// <summary>Base address of the proxy.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts a bare proxy to <paramref name="upstream"/>.</summary>
    /// <param name="upstream">The destination.</param>
    /// <param name="port">Loopback port; 0 picks a free one.</param>
    /// <param name="allocationEndpoint">Also answer <c>GET /__bench/allocated</c> with the process's allocated bytes (the load harness).</param>
    /// <param name="fullHost">Build with <c>WebApplication.CreateBuilder</c> (host filtering, console logging, the defaults
    /// <c>serve</c> has) instead of the slim builder: the load harness's measure of what the host alone costs.</param>
    public static async Task<BareProxy> StartAsync(Uri upstream, int port = 0, bool allocationEndpoint = false, bool fullHost = false)
    {
        var builder = fullHost ? WebApplication.CreateBuilder() : WebApplication.CreateSlimBuilder();
        if (fullHost)
        {
            // serve's framework levels (GuardrailApp.FrameworkLogLevels): console logging on, request-path categories at Warning.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning).AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        }
        else
        {
            builder.Logging.ClearProviders();
        }
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var route = new RouteConfig
        {
            RouteId = "bare",
            ClusterId = "upstream",
            Match = new RouteMatch { Path = "{**catch-all}" },
        };
        var cluster = new ClusterConfig
        {
            ClusterId = "upstream",
            Destinations = new Dictionary<string, DestinationConfig> { ["d"] = new() { Address = upstream.ToString() } },
        };
        builder.Services.AddReverseProxy().LoadFromMemory([route], [cluster]);
        var app = builder.Build();
        // An empty pipeline, like UseGuardrail's: no session affinity, load balancing or passive health checks
        // in either arm (DESIGN.md §12), so those costs do not leak into the comparison.
        if (allocationEndpoint) app.MapGet("/__bench/allocated", () => GC.GetTotalAllocatedBytes(precise: false).ToString(System.Globalization.CultureInfo.InvariantCulture));
        app.MapReverseProxy(_ => { });
        await app.StartAsync();
        var proxy = new BareProxy(app);
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
