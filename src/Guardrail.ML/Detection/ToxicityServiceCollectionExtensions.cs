using Guardrail.Detection;
using Guardrail.Hosting;
using Guardrail.ML.Detection;
using Guardrail.ML.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the toxicity classifier so rules can use <c>{ classifier: toxicity, … }</c>.</summary>
public static class ToxicityServiceCollectionExtensions
{
    /// <summary>
    /// Adds the toxicity detector (settings: section <c>Guardrail:Toxicity</c>); the models load once, at first use
    /// (startup, when rules are loaded).
    /// </summary>
    public static IGuardrailBuilder AddToxicity(this IGuardrailBuilder builder, Action<ToxicityOptions>? configure = null)
    {
        var services = builder.Services;
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
        return builder;
    }

    /// <summary>
    /// Every model Guardrail ships: the toxicity classifier, the grounding support model and the prompt-attack classifier, from
    /// <paramref name="modelsDirectory"/> (default: <c>Guardrail:Toxicity:ModelsDirectory</c>, else <c>models</c>).
    /// </summary>
    public static IGuardrailBuilder AddShippedModels(this IGuardrailBuilder builder, string? modelsDirectory = null) =>
        builder.AddToxicity(modelsDirectory is null ? null : o => o.ModelsDirectory = modelsDirectory).AddGroundingModel().AddAttackClassifier();
}
