namespace Guardrail.Audit;

/// <summary>
/// Where verdicts are kept (SQLite by default, PostgreSQL for replicas; Guardrail.Storage). Implementations create and
/// migrate their schema in <see cref="EnsureSchemaAsync"/> and are safe for concurrent use.
/// </summary>
public interface IAuditStore
{
    /// <summary>Creates or migrates the schema; idempotent.</summary>
    Task EnsureSchemaAsync(CancellationToken ct = default);

    /// <summary>Stores a batch of records (a record whose id exists is ignored).</summary>
    Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct = default);

    /// <summary>Lists verdicts, newest first, with filters and paging.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default);

    /// <summary>One verdict with its exchange and labels; null when unknown.</summary>
    Task<AuditEntry?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>Adds a human label; false when the verdict is unknown.</summary>
    Task<bool> AddLabelAsync(HumanLabel label, CancellationToken ct = default);

    /// <summary>Adds a judge's labels on one verdict, all or none; false when the verdict is not stored (yet).</summary>
    Task<bool> AddJudgeLabelsAsync(IReadOnlyList<JudgeLabel> labels, CancellationToken ct = default);

    /// <summary>Adds a shadow model's decision on a verdict; false when the verdict is not stored (yet).</summary>
    Task<bool> AddShadowAsync(ShadowRecord record, CancellationToken ct = default);

    /// <summary>Deletes verdicts older than <paramref name="olderThan"/> and all but the newest <paramref name="keepAtMost"/>; returns how many went.</summary>
    Task<int> PruneAsync(DateTimeOffset olderThan, int keepAtMost, CancellationToken ct = default);
}

/// <summary>
/// The hot path's side of the audit trail: hands a record over without waiting (a bounded queue drains it to the
/// store in the background). False when the record was dropped (queue full, store down), which is counted, never thrown.
/// </summary>
public interface IAuditSink
{
    /// <summary>Queues <paramref name="record"/>; never blocks.</summary>
    bool TryWrite(AuditRecord record);
}
