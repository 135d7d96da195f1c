using Guardrail.Audit;
using Guardrail.Verdicts;

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
            INSERT INTO labels (verdict_id, kind, note, category, time_utc)
            SELECT @id, @kind, @note, @category, @time WHERE EXISTS (SELECT 1 FROM verdicts WHERE id = @id)
            """);
        command.Add("@id", dialect.Text(label.VerdictId));
        command.Add("@kind", AuditRows.KindName(label.Kind));
        command.Add("@note", label.Note is null ? null : dialect.Text(label.Note));
        command.Add("@category", label.Category is null ? null : dialect.Text(label.Category));
        command.Add("@time", dialect.Time(label.Time));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> AddJudgeLabelsAsync(IReadOnlyList<JudgeLabel> labels, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) return true;
        using var writer = await dialect.WriterAsync(ct);
        await using var connection = await dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var command = Commands.Create(connection, $"""
            INSERT INTO judge_labels (verdict_id, principle, violated, severity, rationale, spans, judge, constitution, reason, time_utc)
            SELECT @id, @principle, @violated, @severity, @rationale, {dialect.Json("@spans")}, @judge, @constitution, @reason, @time
            WHERE EXISTS (SELECT 1 FROM verdicts WHERE id = @id)
            """, tx);
        var p = new[] { "@id", "@principle", "@violated", "@severity", "@rationale", "@spans", "@judge", "@constitution", "@reason", "@time" }.Select(n => command.Add(n, null)).ToArray();
        foreach (var l in labels)
        {
            (p[0].Value, p[1].Value, p[2].Value, p[3].Value) = (dialect.Text(l.VerdictId), dialect.Text(l.Principle), l.Violated, AuditRows.SeverityName(l.Severity));
            (p[4].Value, p[5].Value, p[6].Value, p[7].Value) = (dialect.Text(l.Rationale), AuditRows.SpansJson(l.Spans), dialect.Text(l.Judge), dialect.Text(l.Constitution));
            (p[8].Value, p[9].Value) = (l.Reason, dialect.Time(l.Time));
            // The verdict is written by the audit trail's own batch; until it is there, nothing is kept and the caller retries.
            if (await command.ExecuteNonQueryAsync(ct) == 0) return false;
        }
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<bool> AddShadowAsync(ShadowRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var writer = await dialect.WriterAsync(ct);
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Commands.Create(connection, $"""
            INSERT INTO shadow_decisions (verdict_id, shadow, live_decision, shadow_decision, findings, time_utc)
            SELECT @id, @shadow, @live, @decision, {dialect.Json("@findings")}, @time WHERE EXISTS (SELECT 1 FROM verdicts WHERE id = @id)
            """);
        command.Add("@id", dialect.Text(record.VerdictId));
        command.Add("@shadow", dialect.Text(record.Shadow));
        command.Add("@live", record.LiveDecision.ToWire());
        command.Add("@decision", record.ShadowDecision.ToWire());
        command.Add("@findings", dialect.Text(AuditRows.FindingsJson(record.Findings)));
        command.Add("@time", dialect.Time(record.Time));
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
