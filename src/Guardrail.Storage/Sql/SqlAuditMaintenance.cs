using Guardrail.Audit;

namespace Guardrail.Storage.Sql;

/// <summary>The writes both stores share: human labels and pruning by age and count, in small batches so writers interleave.</summary>
internal sealed class SqlAuditMaintenance(ISqlDialect dialect)
{
    // Deleting in slices keeps each write transaction short: SQLite's single writer and PostgreSQL's locks are not held for long.
    private const int DeleteBatch = 5_000;

    public async Task<bool> AddLabelAsync(HumanLabel label, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(label);
        using var writer = await dialect.WriterAsync(ct);
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Commands.Create(connection, """
            INSERT INTO labels (verdict_id, kind, note, time_utc)
            SELECT @id, @kind, @note, @time WHERE EXISTS (SELECT 1 FROM verdicts WHERE id = @id)
            """);
        command.Add("@id", dialect.Text(label.VerdictId));
        command.Add("@kind", AuditRows.KindName(label.Kind));
        command.Add("@note", label.Note is null ? null : dialect.Text(label.Note));
        command.Add("@time", dialect.Time(label.Time));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<int> PruneAsync(DateTimeOffset olderThan, int keepAtMost, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepAtMost);
        var deleted = await DeleteAsync("time_utc < @time", dialect.Time(olderThan), null, ct);
        var boundary = await NthNewestAsync(keepAtMost, ct);
        if (boundary is { } b) deleted += await DeleteAsync("(time_utc, id) <= (@time, @id)", dialect.Time(b.Time), b.Id, ct);
        return deleted;
    }

    // The newest row that no longer fits in keepAtMost: it and everything older goes.
    private async Task<(DateTimeOffset Time, string Id)?> NthNewestAsync(int keepAtMost, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Commands.Create(connection, "SELECT time_utc, id FROM verdicts ORDER BY time_utc DESC, id DESC LIMIT 1 OFFSET @keep");
        command.Add("@keep", keepAtMost);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (dialect.ReadTime(reader, 0), reader.GetString(1)) : null;
    }

    private async Task<int> DeleteAsync(string condition, object time, string? id, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            int n;
            using (await dialect.WriterAsync(ct))
            {
                await using var connection = await dialect.OpenAsync(ct);
                // Labels and findings go with their verdict (ON DELETE CASCADE).
                await using var command = Commands.Create(connection,
                    $"DELETE FROM verdicts WHERE id IN (SELECT id FROM verdicts WHERE {condition} ORDER BY time_utc, id LIMIT {DeleteBatch})");
                command.Add("@time", time);
                if (id is not null) command.Add("@id", id);
                n = await command.ExecuteNonQueryAsync(ct);
            }
            total += n;
            if (n < DeleteBatch) return total;
        }
    }
}
