using Guardrail.Audit;
using Guardrail.AspNetCore.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Audit;

/// <summary>
/// Drains the audit queue to the store in batches, off the hot path. A failing store is retried a bounded number of
/// times per batch (one batch held, the queue bounded: memory never grows), then the batch counts as failed. Also
/// creates or migrates the schema, and prunes by age and count at startup and every <see cref="AuditOptions.PruneInterval"/>.
/// Logs never carry exchange text.
/// </summary>
internal sealed partial class AuditWriterService(
    AuditWriter writer,
    IAuditStore store,
    AuditSchema schema,
    IOptions<AuditOptions> options,
    GuardrailMetrics metrics,
    TimeProvider time,
    ILogger<AuditWriterService> logger) : BackgroundService
{
    // What is still queued at shutdown gets this long to reach the store.
    private static readonly TimeSpan FlushBudget = TimeSpan.FromSeconds(5);
    private readonly AuditOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!writer.Enabled) return;
        // SQLite's async calls run synchronously: leave the host's startup thread before the first one.
        await Task.Yield();
        var pruning = PruneLoopAsync(stoppingToken);
        var batch = new List<AuditRecord>(_options.BatchSize);
        try
        {
            while (await writer.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < _options.BatchSize && writer.TryRead(out var record)) batch.Add(record);
                if (batch.Count < _options.BatchSize && _options.FlushDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.FlushDelay, time, stoppingToken);
                    while (batch.Count < _options.BatchSize && writer.TryRead(out var record)) batch.Add(record);
                }
                if (!await WriteAsync(batch, _options.WriteAttempts, stoppingToken)) break;
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        writer.Complete();
        await FlushAsync(batch);
        await pruning;
    }

    // At shutdown: the batch in hand and whatever is still queued get one try each, within FlushBudget.
    private async Task FlushAsync(List<AuditRecord> batch)
    {
        using var budget = new CancellationTokenSource(FlushBudget, time);
        while (true)
        {
            while (batch.Count < _options.BatchSize && writer.TryRead(out var record)) batch.Add(record);
            if (batch.Count == 0) return;
            if (budget.IsCancellationRequested || !await WriteAsync(batch, attempts: 1, budget.Token)) Lost(batch, "shutdown");
            batch.Clear();
        }
    }

    /// <summary>Writes the batch, retrying; false (batch untouched) when <paramref name="ct"/> stopped it before an outcome.</summary>
    private async Task<bool> WriteAsync(List<AuditRecord> batch, int attempts, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_options.WriteTimeout);
                await EnsureSchemaAsync(timeout.Token);
                await store.WriteAsync(batch, timeout.Token);
                metrics.AuditRecords.WithLabels(AuditRecordResult.Written).Inc(batch.Count);
                return true;
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                if (attempt >= attempts)
                {
                    Lost(batch, Describe(ex));
                    return true;
                }
                LogRetry(logger, batch.Count, attempt, attempts, Describe(ex));
            }
            try
            {
                await Task.Delay(RetryDelay(attempt), time, ct);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    // Doubles per try, at most a minute: a long outage costs one warning per try, not a tight loop.
    private TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromTicks(Math.Min(_options.RetryDelay.Ticks * (1L << Math.Min(attempt - 1, 20)), TimeSpan.TicksPerMinute));

    private async Task PruneLoopAsync(CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(_options.PruneInterval, time);
            do
            {
                try
                {
                    await EnsureSchemaAsync(ct);
                    var deleted = await store.PruneAsync(time.GetUtcNow() - _options.MaxAge, _options.MaxRecords, ct);
                    if (deleted > 0) LogPruned(logger, deleted);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    LogPruneFailed(logger, Describe(ex));
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    // The write and prune loops may race here; see AuditSchema for why that needs no lock.
    private Task EnsureSchemaAsync(CancellationToken ct) => schema.EnsureAsync(store, ct);

    private void Lost(List<AuditRecord> batch, string error)
    {
        metrics.AuditRecords.WithLabels(AuditRecordResult.Failed).Inc(batch.Count);
        LogLost(logger, batch.Count, error);
    }

    // The exception's type and message only: database messages name statements and keys, never the stored texts
    // (they travel as parameters), and the stack adds nothing an operator can act on.
    private static string Describe(Exception ex) => ex is OperationCanceledException ? "timed out" : $"{ex.GetType().Name}: {ex.Message}";
}
