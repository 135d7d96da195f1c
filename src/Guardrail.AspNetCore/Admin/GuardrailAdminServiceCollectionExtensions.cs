using Guardrail.AspNetCore.Admin;
using Guardrail.AspNetCore.Admin.Api;
using Guardrail.AspNetCore.Admin.Ui;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the admin API and UI (called by <c>AddGuardrail</c>; call it again to configure).</summary>
public static class GuardrailAdminServiceCollectionExtensions
{
    /// <summary>Binds <see cref="GuardrailAdminOptions"/> from <c>Guardrail:Admin</c>, validated at startup.</summary>
    public static IServiceCollection AddGuardrailAdmin(this IServiceCollection services, Action<GuardrailAdminOptions>? configure = null)
    {
        if (!services.Any(d => d.ServiceType == typeof(AdminApi)))
        {
            services.AddOptions<GuardrailAdminOptions>()
                .BindConfiguration(GuardrailAdminOptions.SectionName)
                .ValidateOnStart();
        }
        if (configure is not null) services.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GuardrailAdminOptions>, GuardrailAdminOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AdminApiKey>();
        services.TryAddSingleton<Guardrail.AspNetCore.Audit.AuditSchema>();
        services.TryAddSingleton<AdminApi>();
        services.TryAddSingleton<AdminUi>();
        services.TryAddSingleton<AdminApiMapping>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, AdminApiStartupLog>());
        return services;
    }
}
