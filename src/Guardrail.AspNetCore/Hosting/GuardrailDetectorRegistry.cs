using Guardrail.Detection;
using Guardrail.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.AspNetCore.Hosting;

/// <summary>
/// The detectors a registration gives, for hosts without a web host (the CLI's <c>check</c> and <c>rules</c> commands,
/// benchmarks): the same <see cref="IGuardrailBuilder"/> calls the proxy makes, so both see the same detectors.
/// </summary>
public static class GuardrailDetectorRegistry
{
    /// <summary>Runs <paramref name="register"/> on a fresh builder with <paramref name="settings"/> as configuration and returns its registry.</summary>
    public static DetectorRegistry Build(Action<IGuardrailBuilder> register, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        register(services.AddGuardrailDetection());
        // The provider lives as long as the registry: detectors are singletons it created (models stay loaded).
        return services.BuildServiceProvider().GetRequiredService<DetectorRegistry>();
    }
}
