using Guardrail.Detection;
using Guardrail.ML.Detection;
using Guardrail.ML.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the toxicity classifier so rules can use <c>{ classifier: toxicity, … }</c>.</summary>
public static class ToxicityServiceCollectionExtensions
{
    /// <summary>Adds the toxicity detector; the models load once, at first use (startup, when rules are loaded).</summary>
    public static IServiceCollection AddGuardrailToxicity(this IServiceCollection services, Action<ToxicityOptions>? configure = null)
    {
        services.AddOptions<ToxicityOptions>()
            .BindConfiguration("Guardrail:Toxicity")
            .ValidateDataAnnotations()
            .Validate(o => File.Exists(Path.Combine(o.ModelsDirectory, "toxicity.json")), "Guardrail:Toxicity:ModelsDirectory must hold toxicity.json")
            .ValidateOnStart();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton(sp => ToxicityModels.Load(sp.GetRequiredService<IOptions<ToxicityOptions>>().Value.ModelsDirectory));
        services.TryAddSingleton<ToxicityDetector>(sp => new ToxicityDetector(
            sp.GetRequiredService<ToxicityModels>(), sp.GetRequiredService<IOptions<ToxicityOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDetector, ToxicityDetector>(sp => sp.GetRequiredService<ToxicityDetector>()));
        return services;
    }
}
