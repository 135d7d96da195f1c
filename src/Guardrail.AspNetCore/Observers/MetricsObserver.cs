using Guardrail.AspNetCore.Metrics;
using Guardrail.Pipeline.Observers;

namespace Guardrail.AspNetCore.Observers;

/// <summary>Counts every finished exchange's verdict: decisions, findings, scores, timings, unchecked reasons.</summary>
internal sealed class MetricsObserver(GuardrailMetrics metrics) : IExchangeObserver
{
    public void OnExchangeFinished(FinishedExchange exchange) =>
        metrics.RecordVerdict(exchange.Verdict, exchange.Route, exchange.Mode, exchange.Shares);
}
