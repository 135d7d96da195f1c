using Guardrail.Audit;

namespace Guardrail.AspNetCore.Tests.Audit;

/// <summary>A hand-written <see cref="IAuditStore"/>: keeps what it is given, and lets a test make writes fail or hang.</summary>
internal sealed class FakeAuditStore : IAuditStore
{
    private readonly List<AuditRecord> _records = [];
    private readonly SemaphoreSlim _arrived = new(0);

    /// <summary>Runs before each write; throw to fail it, await to delay it.</summary>
    public Func<IReadOnlyList<AuditRecord>, CancellationToken, Task>? OnWrite { get; set; }

    /// <summary>Write calls, successful or not.</summary>
    public int WriteCalls;

    public Task EnsureSchemaAsync(CancellationToken ct = default) => Task.CompletedTask;

    public async Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct = default)
    {
        Interlocked.Increment(ref WriteCalls);
        if (OnWrite is not null) await OnWrite(records, ct);
        lock (_records) _records.AddRange(records);
        _arrived.Release(records.Count);
    }

    /// <summary>The first <paramref name="count"/> records stored, waiting up to 10 seconds for them.</summary>
    public async Task<IReadOnlyList<AuditRecord>> WaitForAsync(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(10))) throw new TimeoutException($"only {i} of {count} audit records arrived");
        }
        lock (_records) return _records.ToList();
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<AuditEntry?> GetAsync(string id, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<bool> AddLabelAsync(HumanLabel label, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<bool> AddJudgeLabelsAsync(IReadOnlyList<JudgeLabel> labels, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<bool> AddShadowAsync(ShadowRecord record, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<int> PruneAsync(DateTimeOffset olderThan, int keepAtMost, CancellationToken ct = default) => Task.FromResult(0);
}
