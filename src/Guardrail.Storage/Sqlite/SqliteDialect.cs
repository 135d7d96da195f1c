using System.Data.Common;
using Guardrail.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Guardrail.Storage.Sqlite;

/// <summary>SQLite specifics: pooled connections with foreign keys on, millisecond times, one writer at a time.</summary>
internal sealed class SqliteDialect(string connectionString) : ISqlDialect, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public string ConnectionString { get; } = connectionString;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        // Per connection: with WAL, NORMAL is durable across crashes of the process and much faster than FULL.
        await Commands.ExecuteAsync(connection, "PRAGMA synchronous = NORMAL;", ct);
        return connection;
    }

    public object Time(DateTimeOffset time) => AuditRows.Milliseconds(time);

    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public string In(DbCommand command, string column, IReadOnlyList<string> values)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = "@in" + i;
            command.Add(names[i], values[i]);
        }
        return $"{column} IN ({string.Join(", ", names)})";
    }

    public string Text(string value) => value;

    public async ValueTask<IDisposable?> WriterAsync(CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        return new Release(_writer);
    }

    public void Dispose() => _writer.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) semaphore.Release();
        }
    }

    /// <inheritdoc />
    public string Json(string parameter) => parameter;
}
