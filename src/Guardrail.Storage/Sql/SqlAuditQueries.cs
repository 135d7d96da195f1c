using System.Data.Common;
using System.Text;
using Guardrail.Audit;
using Guardrail.Verdicts;

namespace Guardrail.Storage.Sql;

/// <summary>The reads both stores share: filtered keyset pages newest first, and one verdict with its labels.</summary>
internal sealed class SqlAuditQueries(ISqlDialect dialect)
{
    /// <summary>Largest page a query may ask for.</summary>
    public const int MaxLimit = 500;

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > MaxLimit) throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"Limit must be from 1 to {MaxLimit}.");
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("""
            SELECT v.id, v.time_utc, v.route, v.decision, v.policy, (SELECT COUNT(*) FROM labels l WHERE l.verdict_id = v.id)
            FROM verdicts v WHERE 1 = 1
            """);
        if (query.Decision is { } d) Where(sql, command, "v.decision = @decision", "@decision", d.ToWire());
        if (query.Route is { } route) Where(sql, command, "v.route = @route", "@route", dialect.Text(route));
        if (query.From is { } from) Where(sql, command, "v.time_utc >= @from", "@from", dialect.Time(from));
        if (query.To is { } to) Where(sql, command, "v.time_utc < @to", "@to", dialect.Time(to));
        // The findings index answers rule and category filters without reading any verdict JSON.
        if (query.Rule is { } rule) Where(sql, command, "v.id IN (SELECT f.verdict_id FROM findings f WHERE f.rule = @rule)", "@rule", dialect.Text(rule));
        if (query.Category is { } category) Where(sql, command, "v.id IN (SELECT f.verdict_id FROM findings f WHERE f.category = @category)", "@category", dialect.Text(category));
        if (query.Cursor is { Length: > 0 } cursor)
        {
            var (time, id) = AuditCursor.Decode(cursor);
            Where(sql, command, "(v.time_utc, v.id) < (@cursor_time, @cursor_id)", "@cursor_time", dialect.Time(time));
            command.Add("@cursor_id", id);
        }
        // One row more than asked says whether a next page exists.
        sql.Append(" ORDER BY v.time_utc DESC, v.id DESC LIMIT @limit");
        command.Add("@limit", query.Limit + 1);
        command.CommandText = sql.ToString();

        var rows = new List<(string Id, DateTimeOffset Time, string Route, Decision Decision, string Policy, int Labels)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetString(0), dialect.ReadTime(reader, 1), reader.GetString(2), AuditRows.ReadDecision(reader.GetString(3)),
                    reader.GetString(4), Convert.ToInt32(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        var more = rows.Count > query.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        var findings = await FindingsAsync(connection, rows.Select(r => r.Id).ToList(), ct);
        var items = rows.Select(r =>
        {
            var keys = findings.TryGetValue(r.Id, out var k) ? k : [];
            return new AuditSummary(r.Id, r.Time, r.Route, r.Decision, r.Policy,
                keys.Select(x => x.Rule).Distinct().Order(StringComparer.Ordinal).ToList(),
                keys.Select(x => x.Category).Distinct().Order(StringComparer.Ordinal).ToList(),
                r.Labels);
        }).ToList();
        return new AuditPage(items, more ? AuditCursor.Encode(rows[^1].Time, rows[^1].Id) : null);
    }

    public async Task<AuditEntry?> GetAsync(string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await dialect.OpenAsync(ct);
        AuditRecord record;
        await using (var command = Commands.Create(connection, "SELECT time_utc, route, verdict, texts, text_mode FROM verdicts WHERE id = @id"))
        {
            command.Add("@id", dialect.Text(id));
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            record = new AuditRecord(dialect.ReadTime(reader, 0), reader.GetString(1), AuditRows.ReadVerdict(reader.GetString(2)),
                AuditRows.ReadTexts(reader.GetString(3)), AuditRows.ReadMode(reader.GetString(4)));
        }
        var labels = new List<HumanLabel>();
        await using (var command = Commands.Create(connection, "SELECT kind, note, time_utc, category FROM labels WHERE verdict_id = @id ORDER BY time_utc, id"))
        {
            command.Add("@id", dialect.Text(id));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                labels.Add(new HumanLabel(id, AuditRows.ReadKind(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1), dialect.ReadTime(reader, 2)) { Category = reader.IsDBNull(3) ? null : reader.GetString(3) });
            }
        }
        var judged = new List<JudgeLabel>();
        await using (var command = Commands.Create(connection, """
            SELECT principle, violated, severity, rationale, spans, judge, constitution, reason, time_utc
            FROM judge_labels WHERE verdict_id = @id ORDER BY time_utc, id
            """))
        {
            command.Add("@id", dialect.Text(id));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                judged.Add(new JudgeLabel(id, reader.GetString(0), reader.GetBoolean(1), AuditRows.ReadSeverity(reader.GetString(2)), reader.GetString(3),
                    AuditRows.ReadSpans(reader.GetString(4)), reader.GetString(5), reader.GetString(6), reader.GetString(7), dialect.ReadTime(reader, 8)));
            }
        }
        var shadow = new List<ShadowRecord>();
        await using (var command = Commands.Create(connection, "SELECT shadow, live_decision, shadow_decision, findings, time_utc FROM shadow_decisions WHERE verdict_id = @id ORDER BY time_utc, id"))
        {
            command.Add("@id", dialect.Text(id));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                shadow.Add(new ShadowRecord(id, reader.GetString(0), AuditRows.ReadDecision(reader.GetString(1)), AuditRows.ReadDecision(reader.GetString(2)),
                    AuditRows.ReadFindings(reader.GetString(3)), dialect.ReadTime(reader, 4)));
            }
        }
        return new AuditEntry(record, labels) { JudgeLabels = judged, Shadow = shadow };
    }

    private async Task<Dictionary<string, List<(string Rule, string Category)>>> FindingsAsync(DbConnection connection, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var result = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        if (ids.Count == 0) return result;
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT verdict_id, rule, category FROM findings WHERE {dialect.In(command, "verdict_id", ids)}";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetString(0);
            if (!result.TryGetValue(id, out var list)) result[id] = list = [];
            list.Add((reader.GetString(1), reader.GetString(2)));
        }
        return result;
    }

    private static void Where(StringBuilder sql, DbCommand command, string condition, string name, object value)
    {
        sql.Append(" AND ").Append(condition);
        command.Add(name, value);
    }
}
