using Guardrail.Grounding;
using Guardrail.Hosting;
using Guardrail.ML.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Gives the grounding check (registered by <c>AddGuardrailDetection</c>) the trained support model instead of the word-overlap floor.</summary>
public static class GroundingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shipped support model from the toxicity models folder (<c>Guardrail:Toxicity:ModelsDirectory</c>,
    /// default <c>models</c>) as the <see cref="ISupportScorer"/>; a missing or corrupt <c>grounding.json</c> fails at startup.
    /// </summary>
    public static IGuardrailBuilder AddGroundingModel(this IGuardrailBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<Guardrail.ML.Detection.ToxicityOptions>()
            .Validate(o => File.Exists(Path.Combine(o.ModelsDirectory, "grounding.json")), "Guardrail:Toxicity:ModelsDirectory must hold grounding.json")
            .ValidateOnStart();
        services.TryAddSingleton<ISupportScorer>(sp => new CalibratedSupportScorer(
            SupportModel.Load(sp.GetRequiredService<IOptions<Guardrail.ML.Detection.ToxicityOptions>>().Value.ModelsDirectory)));
        return builder;
    }
}
