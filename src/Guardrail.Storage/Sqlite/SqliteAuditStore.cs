using Guardrail.Audit;
using Guardrail.Storage.Sql;
using Guardrail.Verdicts;
using Microsoft.Data.Sqlite;

namespace Guardrail.Storage.Sqlite;

/// <summary>The embedded audit store: one SQLite file in WAL mode (readers never wait for the writer), one writer at a time.</summary>
public sealed class SqliteAuditStore : IAuditStore, IDisposable
{
    private readonly SqliteDialect _dialect;
    private readonly SqlAuditQueries _queries;
    private readonly SqlAuditMaintenance _maintenance;

    /// <summary>A store on the file a SQLite connection string names, e.g. <c>Data Source=guardrail-audit.db</c>.</summary>
    public SqliteAuditStore(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        if (builder.Mode is SqliteOpenMode.ReadOnly) throw new ArgumentException("The audit store needs a writable SQLite database.", nameof(connectionString));
        _dialect = new SqliteDialect(builder.ToString());
        _queries = new SqlAuditQueries(_dialect);
        _maintenance = new SqlAuditMaintenance(_dialect);
        DataSource = builder.DataSource;
    }

    /// <summary>The database file.</summary>
    public string DataSource { get; }

    /// <inheritdoc />
    public Task EnsureSchemaAsync(CancellationToken ct = default) => MigrateAsync(SqliteMigrations.All[^1].Version, ct);

    /// <summary>Applies the migrations up to <paramref name="version"/> (tests start from older schemas this way).</summary>
    internal async Task MigrateAsync(int version, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        using var writer = await _dialect.WriterAsync(ct);
        await using var connection = await _dialect.OpenAsync(ct);
        // Both settings must be made outside a transaction; auto_vacuum only takes effect before the first table exists.
        await Commands.ExecuteAsync(connection, "PRAGMA auto_vacuum = INCREMENTAL;", ct);
        await Commands.ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", ct);
        // BEGIN IMMEDIATE: a second process migrating the same file waits here, then finds the work done.
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await Commands.ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_utc INTEGER NOT NULL);", ct, tx);
        var current = await CurrentVersionAsync(connection, tx, ct);
        foreach (var m in SqliteMigrations.All.Where(m => m.Version > current && m.Version <= version))
        {
            await Commands.ExecuteAsync(connection, m.Sql, ct, tx);
            await using var record = Commands.Create(connection, "INSERT INTO schema_version (version, description, applied_utc) VALUES (@v, @d, @t);", tx);
            record.Add("@v", m.Version);
            record.Add("@d", m.Description);
            record.Add("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>The schema version applied (0 before the first migration).</summary>
    internal async Task<int> SchemaVersionAsync(CancellationToken ct = default)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return await CurrentVersionAsync(connection, null, ct);
    }

    private static async Task<int> CurrentVersionAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, CancellationToken ct)
    {
        await using var command = Commands.Create(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version", tx);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        using var writer = await _dialect.WriterAsync(ct);
        await using var connection = await _dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var verdict = Commands.Create(connection, """
            INSERT INTO verdicts (id, time_utc, route, decision, policy, verdict, texts, text_mode)
            VALUES (@id, @time, @route, @decision, @policy, @verdict, @texts, @mode) ON CONFLICT (id) DO NOTHING
            """, tx);
        var p = new[] { "@id", "@time", "@route", "@decision", "@policy", "@verdict", "@texts", "@mode" }.Select(n => verdict.Add(n, null)).ToArray();
        await using var finding = Commands.Create(connection, "INSERT INTO findings (verdict_id, rule, category) VALUES (@id, @rule, @category) ON CONFLICT DO NOTHING", tx);
        var f = new[] { "@id", "@rule", "@category" }.Select(n => finding.Add(n, null)).ToArray();
        foreach (var r in records)
        {
            (p[0].Value, p[1].Value, p[2].Value, p[3].Value) = (r.Id, AuditRows.Milliseconds(r.Time), r.Route, r.Verdict.Decision.ToWire());
            (p[4].Value, p[5].Value, p[6].Value, p[7].Value) = (r.Verdict.Policy, AuditRows.VerdictJsonText(r.Verdict), AuditRows.TextsJson(r.Texts), AuditRows.ModeName(r.TextMode));
            // A record whose id exists is ignored, findings included.
            if (await verdict.ExecuteNonQueryAsync(ct) == 0) continue;
            foreach (var (rule, category) in AuditRows.FindingKeys(r.Verdict))
            {
                (f[0].Value, f[1].Value, f[2].Value) = (r.Id, rule, category);
                await finding.ExecuteNonQueryAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
    }

    /// <inheritdoc />
    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default) => _queries.QueryAsync(query, ct);

    /// <inheritdoc />
    public Task<AuditEntry?> GetAsync(string id, CancellationToken ct = default) => _queries.GetAsync(id, ct);

    /// <inheritdoc />
    public Task<bool> AddLabelAsync(HumanLabel label, CancellationToken ct = default) => _maintenance.AddLabelAsync(label, ct);

    /// <inheritdoc />
    public Task<bool> AddJudgeLabelsAsync(IReadOnlyList<JudgeLabel> labels, CancellationToken ct = default) => _maintenance.AddJudgeLabelsAsync(labels, ct);

    /// <inheritdoc />
    public Task<bool> AddShadowAsync(ShadowRecord record, CancellationToken ct = default) => _maintenance.AddShadowAsync(record, ct);

    /// <inheritdoc />
    public async Task<int> PruneAsync(DateTimeOffset olderThan, int keepAtMost, CancellationToken ct = default)
    {
        var deleted = await _maintenance.PruneAsync(olderThan, keepAtMost, ct);
        if (deleted > 0)
        {
            // Hands the freed pages back to the file system, so retention also bounds the file's size.
            using var writer = await _dialect.WriterAsync(ct);
            await using var connection = await _dialect.OpenAsync(ct);
            await Commands.ExecuteAsync(connection, "PRAGMA incremental_vacuum;", ct);
        }
        return deleted;
    }

    /// <summary>Closes the pooled connections to the file.</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(_dialect.ConnectionString)) SqliteConnection.ClearPool(connection);
        _dialect.Dispose();
    }
}
