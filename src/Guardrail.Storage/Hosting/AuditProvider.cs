using System.Data.Common;
using Guardrail.Audit;

namespace Guardrail.Storage.Hosting;

/// <summary>The databases the audit store runs on.</summary>
public enum AuditProvider
{
    /// <summary>An embedded SQLite file (the default).</summary>
    Sqlite,
    /// <summary>A PostgreSQL server shared by replicas.</summary>
    PostgreSql,
}

/// <summary>Chooses the provider from <see cref="AuditOptions.Provider"/> or, when that is empty, from the connection string.</summary>
public static class AuditProviders
{
    /// <summary>The provider, or null with <paramref name="error"/> saying why none fits.</summary>
    public static AuditProvider? Resolve(AuditOptions options, out string? error)
    {
        error = null;
        switch (options.Provider?.Trim().ToLowerInvariant())
        {
            case null or "": break;
            case "sqlite": return AuditProvider.Sqlite;
            case "postgresql" or "postgres" or "npgsql": return AuditProvider.PostgreSql;
            default:
                error = $"Guardrail:Audit:Provider '{options.Provider}' is not one of: sqlite, postgresql (or empty to choose by the connection string).";
                return null;
        }
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = options.ConnectionString;
        }
        catch (ArgumentException ex)
        {
            error = $"Guardrail:Audit:ConnectionString cannot be read: {ex.Message}";
            return null;
        }
        // Host= is Npgsql's key and Server= its synonym; SQLite's keys are Data Source and Filename.
        return builder.ContainsKey("Host") || builder.ContainsKey("Server") ? AuditProvider.PostgreSql : AuditProvider.Sqlite;
    }
}
