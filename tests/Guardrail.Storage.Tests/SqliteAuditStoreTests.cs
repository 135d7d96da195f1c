using Guardrail.Audit;
using Guardrail.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Guardrail.Storage.Tests;

/// <summary>The store contract against a real SQLite file in a temporary folder.</summary>
public sealed class SqliteAuditStoreTests : AuditStoreContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("guardrail-audit-").FullName;
    private int _files;

    protected override Task<IAuditStore> OpenNewAsync() =>
        Task.FromResult<IAuditStore>(new SqliteAuditStore($"Data Source={Path.Combine(_folder, $"audit{++_files}.db")}"));

    protected override Task MigrateAsync(IAuditStore store, int version) => ((SqliteAuditStore)store).MigrateAsync(version, default);

    protected override int LatestVersion => 5;

    protected override Task<int> SchemaVersionAsync(IAuditStore store) => ((SqliteAuditStore)store).SchemaVersionAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task EnsureSchemaAsync_FileInMissingFolder_CreatedInWalMode()
    {
        var path = Path.Combine(_folder, "nested", "deeper", "audit.db");
        var store = await TrackAsync(Task.FromResult<IAuditStore>(new SqliteAuditStore($"Data Source={path}")));

        await store.EnsureSchemaAsync();

        Assert.True(File.Exists(path));
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task EnsureSchemaAsync_TwoStoresOnOneFile_BothSucceed()
    {
        var path = Path.Combine(_folder, "shared.db");
        var stores = new[] { new SqliteAuditStore($"Data Source={path}"), new SqliteAuditStore($"Data Source={path}") };
        foreach (var s in stores) await TrackAsync(Task.FromResult<IAuditStore>(s));

        await Task.WhenAll(stores.Select(s => s.EnsureSchemaAsync()));
        await Task.WhenAll(stores.Select((s, i) => s.WriteAsync([AuditRecords.Record($"s{i}", i)])));

        Assert.Equal(5, await stores[0].SchemaVersionAsync());
        Assert.Equal(2, (await stores[1].QueryAsync(new AuditQuery())).Items.Count);
    }

    [Fact]
    public void Constructor_ReadOnlyConnectionString_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new SqliteAuditStore($"Data Source={Path.Combine(_folder, "ro.db")};Mode=ReadOnly"));
    }
}
