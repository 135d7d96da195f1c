using Guardrail.Audit;
using Guardrail.Storage.Sql;
using Guardrail.Verdicts;
using Npgsql;

namespace Guardrail.Storage.Postgres;

/// <summary>The audit store for several replicas: one PostgreSQL database shared by all, the schema migrated by whichever starts first.</summary>
public sealed class PostgresAuditStore : IAuditStore, Guardrail.Judging.IJudgeQueueStore, IAsyncDisposable, IDisposable
{
    // pg_advisory_xact_lock key for schema changes ("grdrail" in ASCII): replicas starting together migrate one at a time.
    private const long SchemaLock = 0x67_72_64_72_61_69_6C;

    private readonly PostgresDialect _dialect;
    private readonly SqlAuditQueries _queries;
    private readonly SqlAuditMaintenance _maintenance;

    /// <summary>A store on the database an Npgsql connection string names, e.g. <c>Host=db;Database=guardrail;Username=guardrail</c>.</summary>
    public PostgresAuditStore(string connectionString)
        : this(NpgsqlDataSource.Create(connectionString))
    {
    }

    /// <summary>A store on <paramref name="dataSource"/>, which it disposes.</summary>
    public PostgresAuditStore(NpgsqlDataSource dataSource)
    {
        _dialect = new PostgresDialect(dataSource);
        _queries = new SqlAuditQueries(_dialect);
        _maintenance = new SqlAuditMaintenance(_dialect);
    }

    /// <inheritdoc />
    public async Task<int> EnqueueAsync(IReadOnlyList<Guardrail.Judging.JudgeWork> work, int capacity, CancellationToken ct = default)
    {
        if (work.Count == 0) return 0;
        await using var connection = await _dialect.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        long waiting;
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM judge_queue", connection, tx))
        {
            waiting = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        var room = (int)Math.Clamp(capacity - waiting, 0, work.Count);
        if (room > 0)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO judge_queue (work) SELECT w::json FROM unnest(@w) AS w", connection, tx);
            insert.Parameters.AddWithValue("w", work.Take(room).Select(x => _dialect.Text(WireJson.Serialize(Guardrail.Judging.JudgeWorkJson.ToJson(x)))).ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return room;
    }

    /// <inheritdoc />
    public async Task<Guardrail.Judging.JudgeWork?> TakeAsync(CancellationToken ct = default)
    {
        // Deleted as it is taken, under a row lock other readers skip: each item goes to exactly one replica.
        await using var command = _dialect.DataSource.CreateCommand("""
            DELETE FROM judge_queue WHERE id = (SELECT id FROM judge_queue ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING work::text
            """);
        var json = await command.ExecuteScalarAsync(ct) as string;
        return json is null ? null : Guardrail.Judging.JudgeWorkJson.FromJson(System.Text.Json.Nodes.JsonNode.Parse(json)!);
    }

    /// <inheritdoc />
    public Task EnsureSchemaAsync(CancellationToken ct = default) => MigrateAsync(PostgresMigrations.All[^1].Version, ct);

    /// <summary>Applies the migrations up to <paramref name="version"/> (tests start from older schemas this way).</summary>
    internal async Task MigrateAsync(int version, CancellationToken ct)
    {
        await using var connection = await _dialect.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Taken before anything else, even CREATE TABLE IF NOT EXISTS, which races with itself across sessions.
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLock})", connection, tx))
        {
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        await Commands.ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_utc timestamptz NOT NULL DEFAULT now())", ct, tx);
        var current = await CurrentVersionAsync(connection, tx, ct);
        foreach (var m in PostgresMigrations.All.Where(m => m.Version > current && m.Version <= version))
        {
            await Commands.ExecuteAsync(connection, m.Sql, ct, tx);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, description) VALUES (@v, @d)", connection, tx);
            record.Parameters.AddWithValue("v", m.Version);
            record.Parameters.AddWithValue("d", m.Description);
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>The schema version applied (0 before the first migration).</summary>
    internal async Task<int> SchemaVersionAsync(CancellationToken ct = default)
    {
        await using var connection = await _dialect.DataSource.OpenConnectionAsync(ct);
        return await CurrentVersionAsync(connection, null, ct);
    }

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, tx);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return;
        var text = _dialect.Text;
        var keys = records.SelectMany(r => AuditRows.FindingKeys(r.Verdict).Select(k => (r.Id, k.Rule, k.Category))).ToList();
        await using var connection = await _dialect.DataSource.OpenConnectionAsync(ct);
        // One statement, one round trip for the whole batch. A record whose id exists is ignored, findings included:
        // only the ids the insert returns get findings rows.
        await using var command = new NpgsqlCommand("""
            WITH inserted AS (
                INSERT INTO verdicts (id, time_utc, route, decision, policy, verdict, texts, text_mode)
                SELECT i, t, r, d, p, v::json, x::json, m
                FROM unnest(@ids, @times, @routes, @decisions, @policies, @verdicts, @texts, @modes) AS u(i, t, r, d, p, v, x, m)
                ON CONFLICT (id) DO NOTHING
                RETURNING id
            )
            INSERT INTO findings (verdict_id, rule, category)
            SELECT f.i, f.r, f.c FROM unnest(@finding_ids, @rules, @categories) AS f(i, r, c) JOIN inserted ON inserted.id = f.i
            ON CONFLICT DO NOTHING
            """, connection);
        var p = command.Parameters;
        p.AddWithValue("ids", records.Select(r => text(r.Id)).ToArray());
        p.AddWithValue("times", records.Select(r => (DateTime)_dialect.Time(r.Time)).ToArray());
        p.AddWithValue("routes", records.Select(r => text(r.Route)).ToArray());
        p.AddWithValue("decisions", records.Select(r => r.Verdict.Decision.ToWire()).ToArray());
        p.AddWithValue("policies", records.Select(r => text(r.Verdict.Policy)).ToArray());
        p.AddWithValue("verdicts", records.Select(r => AuditRows.VerdictJsonText(r.Verdict)).ToArray());
        p.AddWithValue("texts", records.Select(r => AuditRows.TextsJson(r.Texts)).ToArray());
        p.AddWithValue("modes", records.Select(r => AuditRows.ModeName(r.TextMode)).ToArray());
        p.AddWithValue("finding_ids", keys.Select(k => text(k.Id)).ToArray());
        p.AddWithValue("rules", keys.Select(k => text(k.Rule)).ToArray());
        p.AddWithValue("categories", keys.Select(k => text(k.Category)).ToArray());
        await command.ExecuteNonQueryAsync(ct);
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
    public Task<int> PruneAsync(DateTimeOffset olderThan, int keepAtMost, CancellationToken ct = default) =>
        _maintenance.PruneAsync(olderThan, keepAtMost, ct);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dialect.DataSource.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _dialect.DataSource.Dispose();
}
