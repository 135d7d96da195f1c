using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>Decides which proxied requests the guard takes and under which policy; which API a request speaks is the adapters' business.</summary>
internal sealed class GuardedRoutes
{
    /// <summary>False only on routes switched off with metadata <c>Guardrail: off</c>; outputs the route id and policy name.</summary>
    public bool IsGuarded(HttpContext context, out string route, out string? policy)
    {
        var config = context.GetReverseProxyFeature()?.Route.Config;
        route = config?.RouteId ?? "unknown";
        policy = null;
        if (config?.Metadata is not { } metadata) return true;
        if (metadata.TryGetValue(GuardrailRouteMetadata.Enabled, out var enabled) && string.Equals(enabled, "off", StringComparison.OrdinalIgnoreCase)) return false;
        metadata.TryGetValue(GuardrailRouteMetadata.Policy, out policy);
        return true;
    }

    /// <summary>The adapter name a route's metadata <c>GuardrailApi</c> gives, or null when it gives none.</summary>
    public static string? ApiName(RouteConfig? route) =>
        route?.Metadata is { } metadata && metadata.TryGetValue(GuardrailRouteMetadata.Api, out var name) && !string.IsNullOrWhiteSpace(name) ? name.Trim() : null;
}
