using Guardrail.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Guardrail.Storage.Hosting;

/// <summary>Checks at startup that the audit connection string names a database the chosen provider can open.</summary>
internal sealed class AuditStoreOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Guardrail:Audit:ConnectionString must not be empty (default: Data Source=guardrail-audit.db).");
        }
        var provider = AuditProviders.Resolve(options, out var error);
        if (provider is null) return ValidateOptionsResult.Fail(error!);
        var problem = provider == AuditProvider.PostgreSql ? CheckPostgres(options.ConnectionString) : CheckSqlite(options.ConnectionString);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    private static string? CheckPostgres(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(b.Host) ? "Guardrail:Audit:ConnectionString for PostgreSQL needs Host=." : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            return $"Guardrail:Audit:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}";
        }
    }

    private static string? CheckSqlite(string connectionString)
    {
        try
        {
            var b = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(b.DataSource)) return "Guardrail:Audit:ConnectionString for SQLite needs Data Source=<file>.";
            return b.Mode == SqliteOpenMode.ReadOnly ? "Guardrail:Audit:ConnectionString for SQLite must not be read-only." : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            return $"Guardrail:Audit:ConnectionString is not a valid SQLite connection string: {ex.Message}";
        }
    }
}
