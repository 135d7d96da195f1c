namespace Guardrail.Judging;

/// <summary>One exchange waiting for the judge.</summary>
/// <param name="VerdictId">The fast checks' verdict, which the labels attach to.</param>
/// <param name="Route">The route id.</param>
/// <param name="Reason">Why it is judged (<c>uncertain</c>, <c>sample</c>).</param>
/// <param name="Input">What the judge is sent.</param>
/// <param name="Queued">When it was queued.</param>
public sealed record JudgeWork(string VerdictId, string Route, string Reason, JudgeInput Input, DateTimeOffset Queued);

/// <summary>
/// Where exchanges wait for the judge, off the hot path: bounded, and never blocking the proxy (a full queue drops and
/// counts). In process by default; shared by replicas through PostgreSQL when the audit store is PostgreSQL.
/// </summary>
public interface IJudgeQueue
{
    /// <summary>Queues <paramref name="work"/> without waiting; false when the queue is full.</summary>
    bool TryEnqueue(JudgeWork work);

    /// <summary>Work as it arrives, each item to one reader, until <paramref name="ct"/> ends.</summary>
    IAsyncEnumerable<JudgeWork> ReadAllAsync(CancellationToken ct);

    /// <summary>Items waiting (in this process).</summary>
    int Count { get; }

    /// <summary>The queue's own background duty (a shared queue moves what this process queued to the database); runs until <paramref name="ct"/> ends.</summary>
    Task RunAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// A queue table the replicas of a deployment share (the PostgreSQL audit store): items are inserted in batches and
/// each is taken by exactly one reader (<c>FOR UPDATE SKIP LOCKED</c>, deleted as it is taken).
/// </summary>
public interface IJudgeQueueStore
{
    /// <summary>Inserts what fits below <paramref name="capacity"/> items waiting; returns how many were inserted (the rest overflow).</summary>
    Task<int> EnqueueAsync(IReadOnlyList<JudgeWork> work, int capacity, CancellationToken ct = default);

    /// <summary>Takes the oldest item no other reader holds, or null when none waits.</summary>
    Task<JudgeWork?> TakeAsync(CancellationToken ct = default);
}
