using Guardrail.AspNetCore.Admin.Api;
using Guardrail.AspNetCore.Admin.Ui;
using Guardrail.AspNetCore.Metrics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Serves the admin endpoints on their own listener: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>, the admin API
/// (<c>/guardrail/api</c>) and the explanation UI (<c>/guardrail/ui</c>).
/// </summary>
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
            admin.MapGuardrailAdminApi();
            configure?.Invoke(admin);
            admin.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
    }

    /// <summary>
    /// Adds <c>/guardrail/api</c> and <c>/guardrail/ui</c> to <paramref name="admin"/>, which must be a branch that only
    /// the admin listener reaches (<see cref="MapGuardrailAdmin"/> does this). Needs <c>AddGuardrailAdmin</c> (or <c>AddGuardrail</c>).
    /// </summary>
    public static IApplicationBuilder MapGuardrailAdminApi(this IApplicationBuilder admin)
    {
        var mapping = admin.ApplicationServices.GetService<AdminApiMapping>()
            ?? throw new InvalidOperationException("Call services.AddGuardrailAdmin() (or AddGuardrail()) before MapGuardrailAdminApi().");
        mapping.Mapped = true;
        // Resolved on first use, so a bad Guardrail:Admin section fails at start together with every other
        // option (ValidateOnStart) rather than while the pipeline is being built.
        // Plain branches rather than endpoint routing: endpoints mapped in a branch of a WebApplication join the
        // global route table, which the proxy listener would also match.
        admin.Map("/guardrail/api", branch => branch.Run(context => context.RequestServices.GetRequiredService<AdminApi>().HandleAsync(context)));
        admin.Map("/guardrail/ui", branch => branch.Run(context => context.RequestServices.GetRequiredService<AdminUi>().HandleAsync(context)));
        return admin;
    }
}
