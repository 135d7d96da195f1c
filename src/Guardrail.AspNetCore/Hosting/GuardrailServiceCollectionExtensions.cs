using Guardrail.AspNetCore.Engines;
using Guardrail.AspNetCore.Hosting;
using Guardrail.AspNetCore.Metrics;
using Guardrail.AspNetCore.RequestGuard;
using Guardrail.AspNetCore.ResponseGuard;
using Guardrail.AspNetCore.Streaming;
using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Injection;
using Guardrail.Pii;
using Guardrail.Protocol;
using Guardrail.Protocol.Anthropic;
using Guardrail.Protocol.OpenAI;
using Guardrail.Rules.Reload;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the guard: <c>services.AddGuardrail()</c>, then <c>UseGuardrail()</c> in the proxy pipeline.</summary>
public static class GuardrailServiceCollectionExtensions
{
    /// <summary>Registers detectors, rules (with hot reload), the request and response guards, metrics and the admin API options.</summary>
    public static IServiceCollection AddGuardrail(this IServiceCollection services, Action<GuardrailOptions>? configure = null)
    {
        services.AddOptions<GuardrailOptions>()
            .BindConfiguration(GuardrailOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null) services.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GuardrailOptions>, GuardrailOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CollectorRegistry>(_ => Prometheus.Metrics.DefaultRegistry);
        services.TryAddSingleton<GuardrailMetrics>();

        services.AddGuardrailDetector<PiiDetector>();
        services.AddGuardrailDetector<InjectionDetector>();
        // Registered so the shipped grounding rules load; it scores with an ISupportScorer from DI when one is
        // registered (the trained model), else with the word-overlap floor.
        services.AddGuardrailDetector<GroundingDetector>();
        services.TryAddSingleton(sp => new DetectorRegistry(sp.GetServices<IDetector>()));
        services.TryAddSingleton(sp => new RuleSetProvider(
            sp.GetRequiredService<IOptions<GuardrailOptions>>().Value.RulesDirectory,
            sp.GetRequiredService<DetectorRegistry>().Names,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IGuardEngines, GuardEngines>();
        services.AddHostedService<RulesHostedService>();
        services.AddHealthChecks().AddCheck<RulesHealthCheck>("rules", tags: ["ready"]);

        // Adapters registered by the application come first, so they can take paths the built-in ones also match.
        services.TryAddSingleton(sp => new ProtocolAdapters(sp.GetServices<IProtocolAdapter>().Concat(BuiltInAdapters(sp))));
        services.TryAddSingleton<GuardedRoutes>();
        services.TryAddSingleton<BufferedResponseGuard>();
        services.TryAddSingleton<StreamingResponseGuard>();
        services.TryAddSingleton<Guardrail.AspNetCore.ResponseGuard.ResponseGuard>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransformProvider, GuardrailTransformProvider>());
        services.AddGuardrailAdmin();
        return services;
    }

    private static IEnumerable<IProtocolAdapter> BuiltInAdapters(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<GuardrailOptions>>().Value;
        yield return new ChatCompletionsAdapter(options.ChatCompletionPaths.Append("/completions"));
        yield return new AnthropicMessagesAdapter();
        yield return new Guardrail.Protocol.OpenAIResponses.ResponsesAdapter();
    }

    /// <summary>Adds a detector that rules can name (later registrations with the same name win).</summary>
    public static IServiceCollection AddGuardrailDetector<TDetector>(this IServiceCollection services)
        where TDetector : class, IDetector
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDetector, TDetector>());
        return services;
    }
}
