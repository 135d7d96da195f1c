namespace Guardrail.Audit;

/// <summary>
/// Settings of the audit trail (configuration section <c>Guardrail:Audit</c>): where verdicts are stored (Guardrail.Storage)
/// and how the proxy's background writer queues, batches and prunes them (Guardrail.AspNetCore).
/// </summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Guardrail:Audit";

    /// <summary>The default connection string: a SQLite file in the working directory.</summary>
    public const string DefaultConnectionString = "Data Source=guardrail-audit.db";

    /// <summary>False writes nothing (no file or database is touched). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where verdicts go. Default <c>Data Source=guardrail-audit.db</c> (SQLite). A connection string with <c>Host=</c>
    /// or <c>Server=</c> selects PostgreSQL, e.g. <c>Host=db;Database=guardrail;Username=guardrail;Password=…</c>.
    /// </summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary><c>sqlite</c> or <c>postgresql</c>; empty (the default) chooses by the connection string.</summary>
    public string? Provider { get; set; }

    /// <summary>Records waiting to be written, at most; more are dropped (and counted). Default 10,000.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Characters of exchange text waiting to be written, at most (about two bytes each); a record that would go over is
    /// dropped (and counted), unless the queue is empty. Bounds memory when prompts are large. Default 50,000,000.
    /// </summary>
    public long QueueCharacters { get; set; } = 50_000_000;

    /// <summary>Records written per round trip, at most. Default 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// How long the writer lets a batch fill before writing it (unless it is full). Default 100 ms: one transaction per
    /// exchange costs a busy proxy more CPU than the exchange's own checks; a short wait turns hundreds into one.
    /// </summary>
    public TimeSpan FlushDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Verdicts older than this are pruned. Default 30 days.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Verdicts kept at most; older ones beyond this are pruned. Default 1,000,000.</summary>
    public int MaxRecords { get; set; } = 1_000_000;

    /// <summary>How often pruning runs (also once at startup). Default 1 hour.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tries per batch while the store fails; then the batch is counted as failed and let go. Default 3.</summary>
    public int WriteAttempts { get; set; } = 3;

    /// <summary>Wait after a failed write before the next try, doubled per try. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A write taking longer than this counts as a failed try (a hung database cannot stall the writer). Default 30 seconds.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
