using System.Threading.Channels;
using Guardrail.AspNetCore.Engines;
using Guardrail.AspNetCore.Metrics;
using Guardrail.Audit;
using Guardrail.Detection;
using Guardrail.Verdicts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guardrail.AspNetCore.Shadow;

/// <summary>
/// Runs the shadow model on queued exchanges, one at a time off the hot path: counts live against shadow decisions
/// (<c>guardrail_shadow_decisions_total{live, shadow}</c>) and stores the shadow's decision beside the verdict.
/// </summary>
internal sealed partial class ShadowWorker(
    Channel<ShadowWork> queue, ShadowDetectors shadow, DetectorRegistry detectors, IGuardEngines engines, GuardrailMetrics metrics,
    TimeProvider time, ILogger<ShadowWorker> logger, IAuditStore? store) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!shadow.Enabled) return;
        try
        {
            await foreach (var work in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RunOneAsync(work, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogShadowFailed(logger, work.Exchange.Verdict.Id, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task RunOneAsync(ShadowWork work, CancellationToken ct)
    {
        var exchange = work.Exchange;
        if (engines.Get(exchange.Policy.Name) is not { } live) return;
        var (liveDecision, shadowDecision, findings) = ShadowRun.Compare(live, detectors, shadow, exchange.Verdict, exchange.Texts, exchange.Sources);
        metrics.ShadowDecisions.WithLabels(liveDecision.ToWire(), shadowDecision.ToWire()).Inc();
        if (store is null) return;
        var record = new ShadowRecord(exchange.Verdict.Id, shadow.Version, liveDecision, shadowDecision,
            AuditRedaction.ForReview(exchange.Verdict with { Findings = findings }, exchange.Policy.AuditText).Findings, time.GetUtcNow());
        await Guardrail.AspNetCore.Audit.StoreRetry.UntilStoredAsync(() => store.AddShadowAsync(record, ct), time, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shadow model on verdict {VerdictId} failed ({Error}); the live verdict stands")]
    private static partial void LogShadowFailed(ILogger logger, string verdictId, string error);
}
