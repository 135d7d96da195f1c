using Guardrail.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>Decides which proxied requests the guard inspects and under which policy.</summary>
internal sealed class GuardedRoutes(IOptions<GuardrailOptions> options)
{
    /// <summary>True for a Chat Completions call on a route the guard covers; outputs the route id and policy.</summary>
    public bool IsGuarded(HttpContext context, out string route, out string? policy)
    {
        var config = context.GetReverseProxyFeature()?.Route.Config;
        route = config?.RouteId ?? "unknown";
        policy = null;
        if (config?.Metadata is { } metadata)
        {
            if (metadata.TryGetValue(GuardrailRouteMetadata.Enabled, out var enabled) && string.Equals(enabled, "off", StringComparison.OrdinalIgnoreCase)) return false;
            metadata.TryGetValue(GuardrailRouteMetadata.Policy, out policy);
        }
        if (!HttpMethods.IsPost(context.Request.Method)) return false;
        var path = context.Request.Path.Value ?? "";
        if (!options.Value.ChatCompletionPaths.Any(p => path.EndsWith(p, StringComparison.OrdinalIgnoreCase))) return false;
        var contentType = context.Request.ContentType;
        return contentType is null || contentType.Contains("json", StringComparison.OrdinalIgnoreCase);
    }
}
