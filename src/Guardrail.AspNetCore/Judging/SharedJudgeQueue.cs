using System.Threading.Channels;
using Guardrail.Judging;
using Microsoft.Extensions.Logging;

namespace Guardrail.AspNetCore.Judging;

/// <summary>
/// The judge's queue shared by the replicas of a deployment through the PostgreSQL audit store: what this process
/// queues waits in a small bounded buffer (the proxy never waits for the database) and is moved to the table in
/// batches; readers take items from the table, each item by exactly one reader in any replica
/// (<c>FOR UPDATE SKIP LOCKED</c>). An item taken by a replica that then dies is not judged: at most once.
/// </summary>
internal sealed partial class SharedJudgeQueue(IJudgeQueueStore store, int capacity, Action<int> overflowed, ILogger logger) : IJudgeQueue
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);
    private const int Batch = 64;

    private readonly Channel<JudgeWork> _local = Channel.CreateBounded<JudgeWork>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <inheritdoc />
    public bool TryEnqueue(JudgeWork work) => _local.Writer.TryWrite(work);

    /// <inheritdoc />
    public int Count => _local.Reader.Count;

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken ct)
    {
        var batch = new List<JudgeWork>(Batch);
        try
        {
            while (await _local.Reader.WaitToReadAsync(ct))
            {
                batch.Clear();
                while (batch.Count < Batch && _local.Reader.TryRead(out var work)) batch.Add(work);
                try
                {
                    var inserted = await store.EnqueueAsync(batch, capacity, ct);
                    if (inserted < batch.Count) overflowed(batch.Count - inserted);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database is down: these are lost, counted, and the proxy never noticed.
                    overflowed(batch.Count);
                    LogStoreFailed(logger, batch.Count, ex.GetType().Name);
                    await Task.Delay(Idle, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JudgeWork> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            JudgeWork? work = null;
            try
            {
                work = await store.TakeAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTakeFailed(logger, ex.GetType().Name);
            }
            if (work is not null)
            {
                yield return work;
                continue;
            }
            try
            {
                await Task.Delay(Idle, ct);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Judge queue: {Count} exchanges could not be stored ({Error}) and will not be judged")]
    private static partial void LogStoreFailed(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Judge queue: taking work from the shared queue failed ({Error})")]
    private static partial void LogTakeFailed(ILogger logger, string error);
}
