using Guardrail.AspNetCore.RequestGuard;
using Microsoft.AspNetCore.Builder;
using Yarp.ReverseProxy.Model;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the guard to a YARP proxy pipeline: <c>app.MapReverseProxy(p =&gt; p.UseGuardrail())</c>.</summary>
public static class GuardrailProxyPipelineExtensions
{
    /// <summary>Adds the request guard stage; the response guard runs as a YARP transform registered by AddGuardrail.</summary>
    public static IReverseProxyApplicationBuilder UseGuardrail(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.UseMiddleware<RequestGuardMiddleware>();
        return proxy;
    }
}
