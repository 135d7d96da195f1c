using Guardrail.AspNetCore.RequestGuard;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Guardrail.Server.Hosting;

/// <summary>
/// The catch-all route that <c>serve --upstream URL</c> makes. It stands aside when the <c>ReverseProxy</c>
/// configuration section defines routes, so multi-route setups come from configuration alone.
/// </summary>
internal sealed class SingleUpstreamProxyConfig(IConfiguration configuration) : IProxyConfigProvider
{
    private CancellationTokenSource _changed = new();
    private string? _override;

    public IProxyConfig GetConfig() => Build(_override ?? configuration["Guardrail:Upstream"], _changed.Token);

    /// <summary>Points the catch-all route at <paramref name="upstream"/> (the demo upstream, started after the host is built).</summary>
    public void SetUpstream(string upstream)
    {
        _override = upstream;
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel(); // YARP re-reads the configuration when the token fires
    }

    private IProxyConfig Build(string? upstream, CancellationToken changed)
    {
        if (string.IsNullOrWhiteSpace(upstream) || configuration.GetSection("ReverseProxy:Routes").GetChildren().Any())
        {
            return new Config([], [], changed);
        }
        var policy = configuration["Guardrail:DefaultPolicy"] ?? "default";
        var route = new RouteConfig
        {
            RouteId = "default",
            ClusterId = "upstream",
            Match = new RouteMatch { Path = "{**catch-all}" },
            Metadata = new Dictionary<string, string> { [GuardrailRouteMetadata.Policy] = policy },
        };
        var cluster = new ClusterConfig
        {
            ClusterId = "upstream",
            Destinations = new Dictionary<string, DestinationConfig> { ["upstream"] = new() { Address = upstream } },
        };
        return new Config([route], [cluster], changed);
    }

    private sealed class Config(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters, CancellationToken changed) : IProxyConfig
    {
        public IReadOnlyList<RouteConfig> Routes { get; } = routes;
        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;
        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(changed);
    }
}
