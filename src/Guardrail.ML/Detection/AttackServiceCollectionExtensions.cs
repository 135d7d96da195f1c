using Guardrail.Detection;
using Guardrail.Hosting;
using Guardrail.ML.Detection;
using Guardrail.ML.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the prompt-attack classifier so rules can use <c>{ classifier: attack, category: injection }</c>.</summary>
public static class AttackServiceCollectionExtensions
{
    /// <summary>
    /// Adds the prompt-attack detector (settings: section <c>Guardrail:Attacks</c>) with the model in the shipped models
    /// folder (<c>Guardrail:Toxicity:ModelsDirectory</c>, default <c>models</c>); a missing <c>attacks.json</c> fails at startup.
    /// </summary>
    public static IGuardrailBuilder AddAttackClassifier(this IGuardrailBuilder builder, Action<AttackOptions>? configure = null)
    {
        var services = builder.Services;
        services.AddOptions<AttackOptions>()
            .BindConfiguration("Guardrail:Attacks")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ToxicityOptions>()
            .Validate(o => File.Exists(Path.Combine(o.ModelsDirectory, AttackManifest.FileName)), $"Guardrail:Toxicity:ModelsDirectory must hold {AttackManifest.FileName}")
            .ValidateOnStart();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton(sp => AttackModel.Load(sp.GetRequiredService<IOptions<ToxicityOptions>>().Value.ModelsDirectory));
        services.TryAddSingleton(sp => new AttackDetector(sp.GetRequiredService<AttackModel>(), sp.GetRequiredService<IOptions<AttackOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDetector, AttackDetector>(sp => sp.GetRequiredService<AttackDetector>()));
        return builder;
    }
}
