using Guardrail.Audit;
using Guardrail.Storage.Postgres;
using Npgsql;

namespace Guardrail.Storage.Tests;

/// <summary>The store contract against a real PostgreSQL server (started by <see cref="PostgresServer"/>), a database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditStoreTests(PostgresServer server) : AuditStoreContractTests
{
    protected override async Task<IAuditStore> OpenNewAsync() => new PostgresAuditStore(await server.CreateDatabaseAsync());

    protected override Task MigrateAsync(IAuditStore store, int version) => ((PostgresAuditStore)store).MigrateAsync(version, default);

    protected override int LatestVersion => 6;

    protected override Task<int> SchemaVersionAsync(IAuditStore store) => ((PostgresAuditStore)store).SchemaVersionAsync();

    [Fact]
    public async Task EnsureSchemaAsync_ReplicasStartingTogether_OneSchemaNoErrors()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var replicas = Enumerable.Range(0, 6).Select(_ => new PostgresAuditStore(connectionString)).ToList();
        foreach (var r in replicas) await TrackAsync(Task.FromResult<IAuditStore>(r));

        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.EnsureSchemaAsync())));

        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version");
        Assert.Equal("1,2,3,4,5,6", await command.ExecuteScalarAsync());
        await replicas[0].WriteAsync([AuditRecords.Record("x", 1)]);
        Assert.NotNull(await replicas[5].GetAsync("x"));
    }

    [Fact]
    public async Task EnsureSchemaAsync_ServerDown_ThrowsNpgsqlException()
    {
        var store = await TrackAsync(Task.FromResult<IAuditStore>(new PostgresAuditStore("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2")));

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.EnsureSchemaAsync());
    }
}
