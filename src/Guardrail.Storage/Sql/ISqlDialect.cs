using System.Data.Common;

namespace Guardrail.Storage.Sql;

/// <summary>What differs between the SQL stores: connections, how times are kept, list parameters and text limits.</summary>
internal interface ISqlDialect
{
    /// <summary>An open connection (pooled by the provider).</summary>
    ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>The parameter value of a time (kept to the millisecond).</summary>
    object Time(DateTimeOffset time);

    /// <summary>Reads a time column.</summary>
    DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>A condition <c>column IN (values)</c> with its parameters added to <paramref name="command"/>.</summary>
    string In(DbCommand command, string column, IReadOnlyList<string> values);

    /// <summary>A text parameter value the database accepts (PostgreSQL rejects NUL in text).</summary>
    string Text(string value);

    /// <summary>A parameter reference for a JSON column (PostgreSQL's json columns take text only with a cast).</summary>
    string Json(string parameter);

    /// <summary>Held around every write: SQLite has one writer; PostgreSQL needs nothing.</summary>
    ValueTask<IDisposable?> WriterAsync(CancellationToken ct);
}
