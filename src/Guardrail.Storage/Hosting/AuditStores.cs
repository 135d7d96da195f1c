using Guardrail.Audit;
using Guardrail.Storage.Postgres;
using Guardrail.Storage.Sqlite;

namespace Guardrail.Storage.Hosting;

/// <summary>Creates the store <see cref="AuditOptions"/> describe.</summary>
public static class AuditStores
{
    /// <summary>A SQLite or PostgreSQL store; throws <see cref="ArgumentException"/> for settings that name neither.</summary>
    public static IAuditStore Create(AuditOptions options) =>
        AuditProviders.Resolve(options, out var error) switch
        {
            AuditProvider.PostgreSql => new PostgresAuditStore(options.ConnectionString),
            AuditProvider.Sqlite => new SqliteAuditStore(options.ConnectionString),
            _ => throw new ArgumentException(error, nameof(options)),
        };
}
