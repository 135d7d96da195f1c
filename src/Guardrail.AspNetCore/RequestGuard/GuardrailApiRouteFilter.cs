using Guardrail.Protocol;
using Yarp.ReverseProxy.Configuration;

namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>
/// Refuses a proxy configuration whose route names an API (metadata <c>GuardrailApi</c>) no adapter has: YARP then
/// fails at startup, and a reload with the mistake keeps the previous configuration, so no route is guarded by a guess.
/// </summary>
internal sealed class GuardrailApiRouteFilter(ProtocolAdapters adapters) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        if (GuardedRoutes.ApiName(route) is { } name && adapters.Named(name) is null)
        {
            throw new InvalidOperationException(UnknownApiMessage(route.RouteId, name, adapters));
        }
        return ValueTask.FromResult(route);
    }

    /// <summary>Names the route, the unknown API and every known one.</summary>
    public static string UnknownApiMessage(string route, string name, ProtocolAdapters adapters) =>
        $"Route '{route}' names API '{name}' in metadata {GuardrailRouteMetadata.Api}, which no adapter has; known: {string.Join(", ", adapters.All.Select(a => a.Name))}.";
}
