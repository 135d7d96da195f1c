using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guardrail.AspNetCore.Admin.Api;

/// <summary>Set when a host maps the admin API, so hosts that only embed the guard hear nothing about it.</summary>
internal sealed class AdminApiMapping
{
    public bool Mapped { get; set; }
}

/// <summary>Says once at startup, after the options validated, that the mapped admin API and UI are closed (so a 401 is no surprise).</summary>
internal sealed partial class AdminApiStartupLog(AdminApiMapping mapping, AdminApiKey key, ILogger<AdminApiStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (mapping.Mapped && !key.Enabled) LogClosed(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The admin API and UI are closed (401): no Guardrail:Admin:ApiKey is configured, or Guardrail:Admin:Enabled is false")]
    private static partial void LogClosed(ILogger logger);
}
