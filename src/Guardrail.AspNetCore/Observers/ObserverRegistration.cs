using Guardrail.Audit;
using Guardrail.AspNetCore.Audit;
using Guardrail.Pipeline.Observers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guardrail.AspNetCore.Observers;

/// <summary>Builds the exchange observers: metrics, the audit sink when one is registered and on, then the application's own.</summary>
internal static partial class ObserverRegistration
{
    public static ExchangeObservers Create(IServiceProvider sp)
    {
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Guardrail.Observers");
        return new ExchangeObservers(All(sp), (observer, e) => LogObserverFailed(logger, observer.GetType().Name, e.GetType().Name));
    }

    private static IEnumerable<IExchangeObserver> All(IServiceProvider sp)
    {
        yield return new MetricsObserver(sp.GetRequiredService<Metrics.GuardrailMetrics>());
        // Without AddGuardrailAudit (or with it switched off) nothing is written.
        if (sp.GetService<IAuditSink>() is { } sink && sink is not AuditWriter { Enabled: false })
        {
            yield return new AuditObserver(sink, sp.GetRequiredService<TimeProvider>());
        }
        foreach (var observer in sp.GetServices<IExchangeObserver>()) yield return observer;
    }

    // The exception's type only: its message could quote the exchange's text.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Exchange observer {Observer} failed ({Error}); the verdict stands")]
    private static partial void LogObserverFailed(ILogger logger, string observer, string error);
}
