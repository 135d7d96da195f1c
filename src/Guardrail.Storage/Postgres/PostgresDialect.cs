using System.Data.Common;
using Guardrail.Storage.Sql;
using Npgsql;

namespace Guardrail.Storage.Postgres;

/// <summary>PostgreSQL specifics: a pooled data source, timestamptz times, array parameters; the server orders writers itself.</summary>
internal sealed class PostgresDialect(NpgsqlDataSource dataSource) : ISqlDialect
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await DataSource.OpenConnectionAsync(ct);

    public object Time(DateTimeOffset time) => DateTime.UnixEpoch.AddMilliseconds(AuditRows.Milliseconds(time));

    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public string In(DbCommand command, string column, IReadOnlyList<string> values)
    {
        command.Add("@in", values.Select(Text).ToArray());
        return $"{column} = ANY(@in)";
    }

    // PostgreSQL text cannot hold NUL; a reviewer loses nothing when it reads as U+FFFD.
    public string Text(string value) => value.Contains('\0', StringComparison.Ordinal) ? value.Replace('\0', '\uFFFD') : value;

    public ValueTask<IDisposable?> WriterAsync(CancellationToken ct) => ValueTask.FromResult<IDisposable?>(null);

    /// <inheritdoc />
    public string Json(string parameter) => parameter + "::json";
}
