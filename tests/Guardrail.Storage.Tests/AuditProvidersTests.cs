using Guardrail.Audit;
using Guardrail.Storage.Hosting;

namespace Guardrail.Storage.Tests;

public sealed class AuditProvidersTests
{
    [Theory]
    [InlineData("Data Source=guardrail-audit.db", null, AuditProvider.Sqlite)]
    [InlineData("Filename=/var/lib/guardrail/audit.db", null, AuditProvider.Sqlite)]
    [InlineData("Host=db;Database=guardrail;Username=g;Password=p", null, AuditProvider.PostgreSql)]
    [InlineData("Server=db;Database=guardrail", null, AuditProvider.PostgreSql)]
    [InlineData("Data Source=x.db", "SQLite", AuditProvider.Sqlite)]
    [InlineData("Host=db", "postgres", AuditProvider.PostgreSql)]
    [InlineData("Host=db", "postgresql", AuditProvider.PostgreSql)]
    public void Resolve_ConnectionStringOrProvider_ChoosesStore(string connectionString, string? provider, AuditProvider expected)
    {
        var chosen = AuditProviders.Resolve(new AuditOptions { ConnectionString = connectionString, Provider = provider }, out var error);

        Assert.Equal(expected, chosen);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("Data Source=x.db", "oracle", "Guardrail:Audit:Provider 'oracle' is not one of")]
    [InlineData("Data Source='x.db", null, "Guardrail:Audit:ConnectionString cannot be read")]
    public void Resolve_Unusable_NullWithError(string connectionString, string? provider, string expected)
    {
        Assert.Null(AuditProviders.Resolve(new AuditOptions { ConnectionString = connectionString, Provider = provider }, out var error));
        Assert.StartsWith(expected, error);
    }

    [Theory]
    [InlineData("", null, "Guardrail:Audit:ConnectionString must not be empty")]
    [InlineData("Host=;Database=x", "postgresql", "Guardrail:Audit:ConnectionString for PostgreSQL needs Host=")]
    [InlineData("Host=db;Colour=blue", null, "Guardrail:Audit:ConnectionString is not a valid PostgreSQL connection string")]
    [InlineData("Data Source=x.db;Mode=ReadOnly", null, "Guardrail:Audit:ConnectionString for SQLite must not be read-only")]
    [InlineData("Data Source=x.db;Flavour=sweet", null, "Guardrail:Audit:ConnectionString is not a valid SQLite connection string")]
    public void Validate_BadConnection_Fails(string connectionString, string? provider, string expected)
    {
        var result = new AuditStoreOptionsValidator().Validate(null, new AuditOptions { ConnectionString = connectionString, Provider = provider });

        Assert.True(result.Failed);
        Assert.StartsWith(expected, result.FailureMessage);
    }

    [Fact]
    public void Validate_Disabled_AnythingGoes()
    {
        Assert.True(new AuditStoreOptionsValidator().Validate(null, new AuditOptions { Enabled = false, ConnectionString = "" }).Succeeded);
    }

    [Fact]
    public void Create_Defaults_SqliteOnDefaultFile()
    {
        using var store = (IDisposable)AuditStores.Create(new AuditOptions());

        Assert.Equal("guardrail-audit.db", Assert.IsType<Sqlite.SqliteAuditStore>(store).DataSource);
    }
}
