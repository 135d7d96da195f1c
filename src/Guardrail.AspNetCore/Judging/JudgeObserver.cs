using Guardrail.AspNetCore.Metrics;
using Guardrail.Audit;
using Guardrail.Judging;
using Guardrail.Pipeline.Observers;
using Guardrail.Policies;

namespace Guardrail.AspNetCore.Judging;

/// <summary>
/// The cascade's entry (DESIGN.md §9): told of every finished exchange, it queues for the judge those whose scores lie
/// in the policy's uncertainty band and a random sample of the rest. It only queues: the judge runs in
/// <see cref="JudgeWorker"/>, and a full queue drops (counted) rather than slowing the proxy.
/// </summary>
internal sealed class JudgeObserver(IJudgeQueue queue, JudgeOptions options, GuardrailMetrics metrics, TimeProvider time) : IExchangeObserver
{
    /// <summary>The sample draw; tests replace it.</summary>
    public Func<double> Draw { get; init; } = Random.Shared.NextDouble;

    public void OnExchangeFinished(FinishedExchange exchange)
    {
        if (exchange.Policy.Passthrough) return; // nothing was read, so there is nothing to compare
        var settings = exchange.Policy.Judge;
        var reason = Reason(exchange, settings);
        if (reason is null) return;
        var texts = settings.Text == JudgeTextMode.Full
            ? exchange.Texts
            : AuditRedaction.Apply(exchange.Texts, exchange.Verdict, exchange.Policy.AuditText);
        // A refused prompt has no answer to judge, and a policy that keeps no text lets the judge see none.
        if (!texts.Any(t => t.Target.StartsWith("response", StringComparison.Ordinal))) return;
        var input = new JudgeInput(texts.Select(t => new JudgeText(t.Target, t.Text)).ToList(), exchange.Sources, exchange.Verdict);
        if (queue.TryEnqueue(new JudgeWork(exchange.Verdict.Id, exchange.Route, reason, input, time.GetUtcNow())))
        {
            metrics.JudgeQueued.WithLabels(reason).Inc();
            metrics.JudgeQueueDepth.Set(queue.Count);
        }
        else
        {
            metrics.JudgeOverflow.Inc();
        }
    }

    private string? Reason(FinishedExchange exchange, JudgePolicy settings)
    {
        if (UncertaintyBand.Near(exchange.Verdict, exchange.Thresholds, settings.Band ?? options.Band) is not null) return "uncertain";
        var rate = settings.SampleRate ?? options.SampleRate;
        return rate > 0 && Draw() < rate ? "sample" : null;
    }
}
