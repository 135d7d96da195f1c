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
        builder.AddToxicity(modelsDirectory is null ? null : o => o.ModelsDirectory = modelsDirectory).AddGroundingModel().AddAttackClassifier().AddToxicityShadow();
}

/// <summary>Registers a candidate toxicity model in shadow: <c>Guardrail:Shadow:ToxicityModels</c> (<c>serve --shadow-models DIR</c>).</summary>
public static class ToxicityShadowServiceCollectionExtensions
{
    /// <summary>The configuration key of the candidate's folder.</summary>
    public const string ConfigurationKey = "Guardrail:Shadow:ToxicityModels";

    /// <summary>
    /// Loads the toxicity models of <c>Guardrail:Shadow:ToxicityModels</c>, when set, as a shadow of the live classifier
    /// (same options, other models). A folder without a loadable <c>toxicity.json</c> stops startup with the reason.
    /// </summary>
    public static IGuardrailBuilder AddToxicityShadow(this IGuardrailBuilder builder)
    {
        builder.Services.TryAddSingleton(sp =>
        {
            var dir = sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()[ConfigurationKey];
            if (string.IsNullOrWhiteSpace(dir)) return ShadowDetectors.None;
            if (!File.Exists(Path.Combine(dir, ToxicityManifest.FileName))) throw new InvalidOperationException($"{ConfigurationKey} '{dir}' has no {ToxicityManifest.FileName}.");
            var models = ToxicityModels.Load(dir);
            return new ShadowDetectors([new ToxicityDetector(models, sp.GetRequiredService<IOptions<ToxicityOptions>>().Value)], models.Version);
        });
        return builder;
    }
}
