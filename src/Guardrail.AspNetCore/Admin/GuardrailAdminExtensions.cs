using Guardrail.AspNetCore.Metrics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves the admin endpoints (<c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>) on their own listener.</summary>
public static class GuardrailAdminExtensions
{
    /// <summary>
    /// Branches requests that arrive on <paramref name="adminPort"/> to the admin endpoints; nothing else is
    /// served there, and the proxy listener never serves admin routes (they are proxied like any other path).
    /// </summary>
    public static IApplicationBuilder MapGuardrailAdmin(this IApplicationBuilder app, int adminPort, Action<IApplicationBuilder>? configure = null)
    {
        var registry = app.ApplicationServices.GetRequiredService<GuardrailMetrics>().Registry;
        return app.MapWhen(context => context.Connection.LocalPort == adminPort, admin =>
        {
            admin.UseHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
            admin.UseHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
            admin.UseMetricServer("/metrics", registry);
            configure?.Invoke(admin);
            admin.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
    }
}
