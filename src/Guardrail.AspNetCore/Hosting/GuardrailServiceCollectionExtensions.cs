using Guardrail.AspNetCore.Engines;
using Guardrail.AspNetCore.Hosting;
using Guardrail.AspNetCore.Metrics;
using Guardrail.AspNetCore.RequestGuard;
using Guardrail.AspNetCore.ResponseGuard;
using Guardrail.AspNetCore.Streaming;
using Guardrail.Detection;
using Guardrail.Hosting;
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
    /// <summary>
    /// Registers detectors, rules (with hot reload), the request and response guards, the exchange observers, metrics and
    /// the admin API options; returns the builder that detectors, models and adapters are added on.
    /// </summary>
    public static IGuardrailBuilder AddGuardrail(this IServiceCollection services, Action<GuardrailOptions>? configure = null)
    {
        services.AddOptions<GuardrailOptions>()
            .BindConfiguration(GuardrailOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null) services.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GuardrailOptions>, GuardrailOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CollectorRegistry>(_ => Prometheus.Metrics.DefaultRegistry);
        services.TryAddSingleton(sp => new GuardrailMetrics(sp.GetRequiredService<CollectorRegistry>())
            .WithDetectors(sp.GetRequiredService<DetectorRegistry>().Names)
            .WithCategories(sp.GetRequiredService<DetectorRegistry>().ScoreCategories));

        var builder = services.AddGuardrailDetection();
        services.TryAddSingleton(sp => new RuleSetProvider(
            sp.GetRequiredService<IOptions<GuardrailOptions>>().Value.RulesDirectory,
            sp.GetRequiredService<DetectorRegistry>().Names,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IGuardEngines, GuardEngines>();
        services.AddHostedService<RulesHostedService>();
        services.AddHealthChecks().AddCheck<RulesHealthCheck>("rules", tags: ["ready"]);

        // Adapters registered by the application come first, so they can take paths the built-in ones also match.
        // Then the generic JSON APIs of Guardrail:Apis, so a configured API can take a path a built-in one also matches.
        services.TryAddSingleton(sp => new ProtocolAdapters(sp.GetServices<IProtocolAdapter>().Concat(GenericApis.Adapters(sp)).Concat(BuiltInAdapters(sp))));
        GenericApis.Register(services);
        services.TryAddSingleton(Guardrail.AspNetCore.Observers.ObserverRegistration.Create);
        services.TryAddSingleton<GuardedRoutes>();
        services.TryAddSingleton(sp => new Guardrail.AspNetCore.Exchange.InFlightBudget(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GuardrailOptions>>().Value.InFlightBytes));
        services.AddHttpClient(Guardrail.AspNetCore.Revising.RevisionClient.HttpClientName);
        services.TryAddSingleton<Guardrail.AspNetCore.Revising.RevisionClient>();
        services.TryAddSingleton(sp => new Guardrail.AspNetCore.Revising.RevisionConstitution(sp.GetRequiredService<IOptions<GuardrailOptions>>().Value.RulesDirectory));
        services.TryAddSingleton<Guardrail.AspNetCore.Revising.AnswerReviser>();
        services.TryAddSingleton<BufferedResponseGuard>();
        services.TryAddSingleton<StreamingResponseGuard>();
        services.TryAddSingleton<Guardrail.AspNetCore.ResponseGuard.ResponseGuard>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransformProvider, GuardrailTransformProvider>());
        AddShadow(services);
        services.AddGuardrailAdmin();
        return builder;
    }

    // A candidate model in shadow (ShadowDetectors, registered by the model's package, which may come after this call):
    // every exchange is queued for it.
    private static void AddShadow(IServiceCollection services)
    {
        services.TryAddSingleton(_ => System.Threading.Channels.Channel.CreateBounded<Guardrail.AspNetCore.Shadow.ShadowWork>(
            new System.Threading.Channels.BoundedChannelOptions(1000) { FullMode = System.Threading.Channels.BoundedChannelFullMode.Wait, SingleReader = true }));
        services.AddSingleton<Guardrail.Pipeline.Observers.IExchangeObserver>(sp => (sp.GetService<Guardrail.Detection.ShadowDetectors>()?.Enabled ?? false)
            ? new Guardrail.AspNetCore.Shadow.ShadowObserver(sp.GetRequiredService<System.Threading.Channels.Channel<Guardrail.AspNetCore.Shadow.ShadowWork>>(), sp.GetRequiredService<GuardrailMetrics>())
            : NoShadow.Instance);
        services.AddHostedService(sp => new Guardrail.AspNetCore.Shadow.ShadowWorker(
            sp.GetRequiredService<System.Threading.Channels.Channel<Guardrail.AspNetCore.Shadow.ShadowWork>>(),
            sp.GetService<Guardrail.Detection.ShadowDetectors>() ?? Guardrail.Detection.ShadowDetectors.None,
            sp.GetRequiredService<DetectorRegistry>(),
            sp.GetRequiredService<IGuardEngines>(),
            sp.GetRequiredService<GuardrailMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Guardrail.AspNetCore.Shadow.ShadowWorker>>(),
            sp.GetService<Guardrail.Audit.IAuditSink>() is Guardrail.AspNetCore.Audit.AuditWriter { Enabled: false } ? null : sp.GetService<Guardrail.Audit.IAuditStore>()));
    }

    private sealed class NoShadow : Guardrail.Pipeline.Observers.IExchangeObserver
    {
        public static readonly NoShadow Instance = new();

        public void OnExchangeFinished(Guardrail.Pipeline.Observers.FinishedExchange exchange)
        {
        }
    }

    private static IEnumerable<IProtocolAdapter> BuiltInAdapters(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<GuardrailOptions>>().Value;
        yield return new ChatCompletionsAdapter(options.ChatCompletionPaths.Append("/completions"));
        yield return new AnthropicMessagesAdapter();
        yield return new Guardrail.Protocol.OpenAIResponses.ResponsesAdapter();
    }

    /// <summary>Adds a protocol adapter for another API; adapters added this way are tried before the built-in ones.</summary>
    public static IGuardrailBuilder AddProtocolAdapter<TAdapter>(this IGuardrailBuilder builder)
        where TAdapter : class, IProtocolAdapter
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IProtocolAdapter, TAdapter>());
        return builder;
    }
}
