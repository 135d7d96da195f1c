using Guardrail.AspNetCore.Audit;
using Guardrail.AspNetCore.Hosting;
using Guardrail.AspNetCore.Judging;
using Guardrail.AspNetCore.Metrics;
using Guardrail.Audit;
using Guardrail.Judging;
using Guardrail.Pipeline.Observers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the LLM judge (DESIGN.md §9): <c>services.AddGuardrailJudge()</c>, configured from <c>Guardrail:Judge</c>.</summary>
public static class JudgeServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> the judge calls through.</summary>
    public const string HttpClientName = "guardrail-judge";

    /// <summary>
    /// Binds <see cref="JudgeOptions"/>, loads the constitution at first use (an invalid one stops startup with its
    /// errors) and registers <see cref="IJudge"/> over an <see cref="HttpClient"/> whose standard resilience pipeline
    /// gives the attempt and total timeouts, retries honouring <c>Retry-After</c> and a circuit breaker. Without
    /// <c>Guardrail:Judge:Upstream</c> nothing is judged.
    /// </summary>
    public static IServiceCollection AddGuardrailJudge(this IServiceCollection services, Action<JudgeOptions>? configure = null)
    {
        services.AddOptions<JudgeOptions>().BindConfiguration(JudgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null) services.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JudgeOptions>, JudgeOptionsValidator>());
        services.AddHttpClient(HttpClientName)
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) => Configure(resilience, sp.GetRequiredService<IOptions<JudgeOptions>>().Value));
        services.TryAddSingleton(sp => JudgeConstitution.Load(sp.GetRequiredService<IOptions<JudgeOptions>>().Value, sp.GetRequiredService<IOptions<GuardrailOptions>>().Value.RulesDirectory));
        services.TryAddSingleton<IJudge>(sp => new OpenAiJudge(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<JudgeOptions>>().Value,
            sp.GetRequiredService<Constitution>()));
        services.TryAddSingleton(sp => new SyncJudge(sp, sp.GetRequiredService<IOptions<JudgeOptions>>().Value, sp.GetRequiredService<GuardrailMetrics>()));
        // A PostgreSQL audit store also holds the queue, so the replicas behind one database share it.
        services.TryAddSingleton<IJudgeQueue>(sp =>
        {
            var capacity = sp.GetRequiredService<IOptions<JudgeOptions>>().Value.QueueCapacity;
            var auditOn = sp.GetService<IAuditSink>() is not AuditWriter { Enabled: false };
            return auditOn && sp.GetService<IAuditStore>() is IJudgeQueueStore shared
                ? new SharedJudgeQueue(shared, capacity, n => sp.GetRequiredService<GuardrailMetrics>().JudgeOverflow.Inc(n), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Guardrail.Judge.Queue"))
                : new InProcessJudgeQueue(capacity);
        });
        if (!services.Any(d => d.ServiceType == typeof(JudgeMarker)))
        {
            services.AddSingleton<JudgeMarker>();
            // Without an upstream the observer is a no-op and the worker returns at once: nothing resolves the judge.
            services.AddSingleton<IExchangeObserver>(sp => sp.GetRequiredService<IOptions<JudgeOptions>>().Value.Enabled
                ? new JudgeObserver(sp.GetRequiredService<IJudgeQueue>(), sp.GetRequiredService<IOptions<JudgeOptions>>().Value, sp.GetRequiredService<GuardrailMetrics>(), sp.GetRequiredService<TimeProvider>())
                : new NoJudge());
            services.AddHostedService(sp => new JudgeWorker(
                sp.GetRequiredService<IJudgeQueue>(),
                sp.GetRequiredService<IOptions<JudgeOptions>>().Value.Enabled ? sp.GetRequiredService<IJudge>() : null,
                sp.GetRequiredService<GuardrailMetrics>(),
                sp.GetRequiredService<IOptions<JudgeOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<JudgeWorker>>(),
                // With the audit trail off no verdict is stored, so there is nothing to attach labels to.
                sp.GetService<IAuditSink>() is AuditWriter { Enabled: false } ? null : sp.GetService<IAuditStore>()));
        }
        return services;
    }

    private sealed class JudgeMarker;

    private sealed class NoJudge : IExchangeObserver
    {
        public void OnExchangeFinished(FinishedExchange exchange)
        {
        }
    }

    /// <summary>The judge's resilience settings from its options (also used by <c>rules test --judge-upstream</c>).</summary>
    public static void Configure(HttpStandardResilienceOptions resilience, JudgeOptions options)
    {
        var attempt = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds);
        resilience.AttemptTimeout.Timeout = attempt;
        resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(options.TotalTimeoutSeconds);
        resilience.Retry.MaxRetryAttempts = Math.Max(1, options.Retries);
        resilience.Retry.ShouldRetryAfterHeader = true;
        if (options.Retries == 0) resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        // The breaker's window must be at least twice an attempt (the library validates it).
        resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(resilience.CircuitBreaker.SamplingDuration.Ticks, 2 * attempt.Ticks + 1));
    }
}
