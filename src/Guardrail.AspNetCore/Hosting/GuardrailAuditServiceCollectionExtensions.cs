using Guardrail.Audit;
using Guardrail.AspNetCore.Audit;
using Guardrail.AspNetCore.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the audit writer: <c>services.AddGuardrailAudit()</c>, next to an <see cref="IAuditStore"/> (<c>AddGuardrailAuditStore()</c>).</summary>
public static class GuardrailAuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IAuditSink"/> the guard writes every finished verdict to (a bounded queue; nothing on the hot
    /// path waits for the database) and the background service that drains it to the registered <see cref="IAuditStore"/>,
    /// creates its schema and prunes it. Settings: <see cref="AuditOptions"/>, section <c>Guardrail:Audit</c>.
    /// </summary>
    public static IServiceCollection AddGuardrailAudit(this IServiceCollection services, Action<AuditOptions>? configure = null)
    {
        var options = services.AddOptions<AuditOptions>();
        // AddGuardrailAuditStore binds the same section; binding twice would let configuration undo a configure callback.
        if (!services.Any(d => d.ServiceType == typeof(IOptionsChangeTokenSource<AuditOptions>))) options.BindConfiguration(AuditOptions.SectionName);
        options.ValidateOnStart();
        if (configure is not null) services.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditWriterOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CollectorRegistry>(_ => Prometheus.Metrics.DefaultRegistry);
        services.TryAddSingleton<GuardrailMetrics>();
        services.TryAddSingleton<AuditSchema>();
        services.TryAddSingleton<AuditWriter>();
        services.TryAddSingleton<IAuditSink>(sp => sp.GetRequiredService<AuditWriter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuditWriterService>());
        return services;
    }
}
