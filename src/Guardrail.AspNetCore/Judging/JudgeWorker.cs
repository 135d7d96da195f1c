using Guardrail.AspNetCore.Metrics;
using Guardrail.Audit;
using Guardrail.Judging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Judging;

/// <summary>
/// Drains the judge's queue: calls the judge (a few at a time), counts the outcome, its latency and the agreement with the
/// fast checks per category, and stores valid verdicts as labels beside the fast checks' verdict. A judge error is
/// counted and logged by code; it never becomes a label.
/// </summary>
internal sealed partial class JudgeWorker(
    IJudgeQueue queue,
    IJudge? judge,
    GuardrailMetrics metrics,
    IOptions<JudgeOptions> options,
    TimeProvider time,
    ILogger<JudgeWorker> logger,
    IAuditStore? store) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => judge is null ? Task.CompletedTask :
        Task.WhenAll(Enumerable.Range(0, options.Value.Concurrency).Select(_ => Task.Run(() => RunAsync(stoppingToken), stoppingToken))
            .Append(Task.Run(() => queue.RunAsync(stoppingToken), stoppingToken)));

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var work in queue.ReadAllAsync(ct))
            {
                metrics.JudgeQueueDepth.Set(queue.Count);
                try
                {
                    await JudgeOneAsync(work, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    LogWorkFailed(logger, work.VerdictId, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: what is still queued is not judged.
        }
    }

    /// <summary>Judges one item (public to the assembly for tests that drive the worker without a host).</summary>
    internal async Task JudgeOneAsync(JudgeWork work, CancellationToken ct)
    {
        if (judge is null) return;
        var outcome = await judge.JudgeAsync(work.Input, ct);
        metrics.JudgeEvaluations.WithLabels(JudgeLabels.OutcomeOf(outcome)).Inc();
        metrics.JudgeDuration.Observe(outcome.Elapsed.TotalSeconds);
        if (!outcome.Succeeded)
        {
            LogJudgeError(logger, work.VerdictId, outcome.Error!, outcome.Detail ?? "");
            return;
        }
        foreach (var (category, agree) in JudgeAgreement.Compare(judge.Constitution, work.Input.FastVerdict, outcome.Verdicts!))
        {
            (agree ? metrics.JudgeAgreements : metrics.JudgeDisagreements).WithLabels(category).Inc();
        }
        if (store is null) return;
        var now = time.GetUtcNow();
        var labels = outcome.Verdicts!.Select(v => new JudgeLabel(work.VerdictId, v.Principle, v.Violated, v.Severity, v.Rationale, v.Spans,
            outcome.Model ?? options.Value.Model, judge.Constitution.Version, work.Reason, now)).ToList();
        if (await Guardrail.AspNetCore.Audit.StoreRetry.UntilStoredAsync(() => store.AddJudgeLabelsAsync(labels, ct), time, ct)) return;
        LogVerdictNotStored(logger, work.VerdictId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Judge error for verdict {VerdictId}: {Code} ({Detail}); no label stored")]
    private static partial void LogJudgeError(ILogger logger, string verdictId, string code, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Judge labels for verdict {VerdictId} not stored: the verdict is not in the audit store")]
    private static partial void LogVerdictNotStored(ILogger logger, string verdictId);

    // The exception's type only: its message could quote the exchange.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Judging verdict {VerdictId} failed ({Error})")]
    private static partial void LogWorkFailed(ILogger logger, string verdictId, string error);
}
