using System.Threading.Channels;
using Guardrail.Pipeline.Observers;

namespace Guardrail.AspNetCore.Shadow;

/// <summary>One finished exchange waiting for the shadow model.</summary>
internal sealed record ShadowWork(FinishedExchange Exchange);

/// <summary>Queues finished exchanges for the shadow model; a full queue drops and counts, never waits.</summary>
internal sealed class ShadowObserver(Channel<ShadowWork> queue, Metrics.GuardrailMetrics metrics) : IExchangeObserver
{
    public void OnExchangeFinished(FinishedExchange exchange)
    {
        if (exchange.Policy.Passthrough) return;
        // The texts are read now, on the request's thread, while the exchange still holds them.
        _ = exchange.Texts;
        if (!queue.Writer.TryWrite(new ShadowWork(exchange))) metrics.ShadowOverflow.Inc();
    }
}
