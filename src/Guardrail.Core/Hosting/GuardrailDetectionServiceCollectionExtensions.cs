using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Hosting;
using Guardrail.Injection;
using Guardrail.Pii;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the detectors rules can name, and the registry that serves them to every host.</summary>
public static class GuardrailDetectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in detectors (PII, prompt injection, grounding) and the <see cref="DetectorRegistry"/> over
    /// every registered <see cref="IDetector"/>; returns the builder to add more on. Idempotent.
    /// </summary>
    public static IGuardrailBuilder AddGuardrailDetection(this IServiceCollection services)
    {
        services.AddGuardrailDetector<PiiDetector>();
        services.AddGuardrailDetector<InjectionDetector>();
        // Registered so the shipped grounding rules load; it scores with an ISupportScorer from DI when one is
        // registered (the trained model), else with the word-overlap floor.
        services.AddGuardrailDetector<GroundingDetector>();
        services.TryAddSingleton(sp => new DetectorRegistry(sp.GetServices<IDetector>()));
        return new GuardrailBuilder(services);
    }

    /// <summary>Adds a detector that rules can name (later registrations with the same name win).</summary>
    public static IGuardrailBuilder AddDetector<TDetector>(this IGuardrailBuilder builder)
        where TDetector : class, IDetector
    {
        builder.Services.AddGuardrailDetector<TDetector>();
        return builder;
    }

    /// <summary>Adds a detector type to <paramref name="services"/> (as <see cref="AddDetector{TDetector}"/>).</summary>
    public static IServiceCollection AddGuardrailDetector<TDetector>(this IServiceCollection services)
        where TDetector : class, IDetector
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDetector, TDetector>());
        return services;
    }
}
