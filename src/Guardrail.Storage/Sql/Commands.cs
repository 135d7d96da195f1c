using System.Data.Common;

namespace Guardrail.Storage.Sql;

/// <summary>Small helpers over ADO.NET commands, shared by both stores.</summary>
internal static class Commands
{
    /// <summary>A command on <paramref name="connection"/> (in <paramref name="transaction"/>, if any).</summary>
    public static DbCommand Create(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a named parameter (<c>@name</c>).</summary>
    public static DbParameter Add(this DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
        return p;
    }

    /// <summary>Runs a statement without results.</summary>
    public static async Task<int> ExecuteAsync(DbConnection connection, string sql, CancellationToken ct, DbTransaction? transaction = null)
    {
        await using var command = Create(connection, sql, transaction);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
