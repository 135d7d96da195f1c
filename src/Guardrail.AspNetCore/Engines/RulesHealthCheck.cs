using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Guardrail.AspNetCore.Engines;

/// <summary>Ready once a valid rule set is loaded.</summary>
internal sealed class RulesHealthCheck(IGuardEngines engines) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(engines.IsReady ? HealthCheckResult.Healthy("rules loaded") : HealthCheckResult.Unhealthy("no valid rule set"));
}
