using Guardrail.AspNetCore.Exchange;
using Guardrail.Pipeline;
using Guardrail.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Model;

namespace Guardrail.AspNetCore.RequestGuard;

internal sealed partial class RequestGuardMiddleware
{
    // A route naming an adapter (metadata GuardrailApi) has it read every POST; without a name the path picks one.
    private static IProtocolAdapter? SelectAdapter(HttpContext context, ProtocolAdapters adapters, out string? unknownApi)
    {
        unknownApi = null;
        var name = GuardedRoutes.ApiName(context.GetReverseProxyFeature()?.Route.Config);
        if (name is null) return adapters.Find(context.Request.Method, context.Request.Path.Value);
        var adapter = adapters.Named(name);
        if (adapter is null) unknownApi = name;
        // Other methods carry no prompt of the API's; they are the closed world's unsupported paths, as without a name.
        return HttpMethods.IsPost(context.Request.Method) ? adapter : null;
    }

    // Startup refuses such routes (GuardrailApiRouteFilter); this is the last line for configurations that bypass it.
    // 503, not 500: the guard did not fail, the route is not usable until its configuration names a known API.
    private async Task RefuseUnknownApiAsync(HttpContext context, GuardedExchange exchange, ProtocolAdapters adapters, string name)
    {
        var message = GuardrailApiRouteFilter.UnknownApiMessage(exchange.Route, name, adapters);
        LogUnknownApi(logger, message);
        exchange.Guard.Builder.AddUnchecked(UncheckedCodes.UnknownApi);
        exchange.Guard.Builder.AddFinding(GuardFindings.Unreadable(UncheckedCodes.UnknownApi, "request"));
        await RefuseAsync(context, exchange, StatusCodes.Status503ServiceUnavailable, message, RefusalKind.Unreadable);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
    private static partial void LogUnknownApi(ILogger logger, string message);
}
