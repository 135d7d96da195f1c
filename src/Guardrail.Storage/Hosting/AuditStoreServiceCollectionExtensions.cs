using Guardrail.Audit;
using Guardrail.Storage.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the audit store: <c>services.AddGuardrailAuditStore()</c> (SQLite file by default, PostgreSQL by connection string).</summary>
public static class AuditStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAuditStore"/> from <see cref="AuditOptions"/> (section <c>Guardrail:Audit</c>), validated at startup.
    /// The store creates or migrates its schema in <see cref="IAuditStore.EnsureSchemaAsync"/>, which the audit writer calls.
    /// </summary>
    public static IServiceCollection AddGuardrailAuditStore(this IServiceCollection services, Action<AuditOptions>? configure = null)
    {
        var options = services.AddOptions<AuditOptions>();
        // AddGuardrailAudit binds the same section; binding twice would let configuration undo a configure callback.
        if (!services.Any(d => d.ServiceType == typeof(IOptionsChangeTokenSource<AuditOptions>))) options.BindConfiguration(AuditOptions.SectionName);
        options.ValidateOnStart();
        if (configure is not null) services.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditStoreOptionsValidator>());
        services.TryAddSingleton(sp => AuditStores.Create(sp.GetRequiredService<IOptions<AuditOptions>>().Value));
        return services;
    }
}
