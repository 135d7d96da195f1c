using System.Diagnostics;
using System.Text;
using Guardrail.Audit;
using Guardrail.Server.Hosting;
using Guardrail.Storage.Postgres;
using Guardrail.Storage.Sqlite;
using Guardrail.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Guardrail.Server.Tests.Hosting;

/// <summary><c>guardrail serve</c> keeps an audit trail: a SQLite file by default, PostgreSQL by connection string, or none.</summary>
public sealed class ServeAuditTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("guardrail-serve-audit-").FullName;

    private static readonly string[] HostArgs = ["--Guardrail:WatchRules=false", $"--Guardrail:Toxicity:ModelsDirectory={RepoPaths.Models}"];

    private static ServeSettings Settings(Uri upstream, string? audit) => new(
        upstream.ToString().TrimEnd('/'), $"http://127.0.0.1:{LoopbackPorts.Free()}", $"http://127.0.0.1:{LoopbackPorts.Free()}", RepoPaths.Rules, null, Audit: audit);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Build_AuditConnectionString_VerdictStoredMaskedInSqliteFile()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Answer = "Mail jane@example.com now.";
        var file = Path.Combine(_folder, "audit.db");
        var settings = Settings(upstream.BaseAddress, $"Data Source={file}");
        await using (var app = GuardrailApp.Build(settings, HostArgs))
        {
            await app.StartAsync();
            using var http = new HttpClient();
            var response = await http.PostAsync(settings.Listen + "/v1/chat/completions", new StringContent(Completions.Request("mail?"), Encoding.UTF8, "application/json"));
            var id = response.Headers.GetValues("x-guardrail-id").Single();
            // Stopping flushes the queue to the file.
            await app.StopAsync();

            using var store = new SqliteAuditStore($"Data Source={file}");
            var entry = await store.GetAsync(id);
            Assert.NotNull(entry);
            Assert.Equal("Mail ████████████████ now.", entry.Record.Texts.Single(t => t.Target == "response.choices[0].message").Text);
            Assert.Equal(AuditTextMode.Masked, entry.Record.TextMode);
        }
    }

    [Fact]
    public async Task Build_NoAuditSetting_SqliteFileInWorkingDirectory()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = GuardrailApp.Build(Settings(upstream.BaseAddress, null), HostArgs);

        var store = Assert.IsType<SqliteAuditStore>(app.Services.GetRequiredService<IAuditStore>());
        Assert.Equal("guardrail-audit.db", store.DataSource);
        Assert.True(app.Services.GetRequiredService<IOptions<AuditOptions>>().Value.Enabled);
    }

    [Fact]
    public async Task Build_HostConnectionString_PostgresStore()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var app = GuardrailApp.Build(Settings(upstream.BaseAddress, "Host=127.0.0.1;Port=1;Username=guardrail;Database=audit"), HostArgs);

        Assert.IsType<PostgresAuditStore>(app.Services.GetRequiredService<IAuditStore>());
    }

    [Fact]
    public async Task Build_PostgresDown_ProxyStillAnswersAndCountsFailures()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var settings = Settings(upstream.BaseAddress, "Host=127.0.0.1;Port=1;Username=guardrail;Timeout=1");
        await using var app = GuardrailApp.Build(settings, [.. HostArgs, "--Guardrail:Audit:WriteAttempts=1"]);
        await app.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(settings.Listen + "/v1/chat/completions", new StringContent(Completions.Request("hi"), Encoding.UTF8, "application/json"));

        Assert.True(response.IsSuccessStatusCode);
        var clock = Stopwatch.StartNew();
        while (!(await http.GetStringAsync(settings.AdminListen + "/metrics")).Contains("guardrail_audit_records_total{result=\"failed\"} 1", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the lost audit record was not counted");
            await Task.Delay(100);
        }
        await app.StopAsync();
    }

    [Fact]
    public async Task Build_AuditOff_NothingWritten()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var file = Path.Combine(_folder, "off.db");
        var settings = Settings(upstream.BaseAddress, ServeSettings.AuditOff);
        await using var app = GuardrailApp.Build(settings, [.. HostArgs, $"--Guardrail:Audit:ConnectionString=Data Source={file}"]);
        await app.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(settings.Listen + "/v1/chat/completions", new StringContent(Completions.Request("hi"), Encoding.UTF8, "application/json"));
        await app.StopAsync();

        Assert.True(response.IsSuccessStatusCode);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Build_BadAuditSettings_StartFailsListingEveryError()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string[] args = [.. HostArgs, "--Guardrail:Audit:Provider=oracle", "--Guardrail:Audit:QueueCapacity=0", "--Guardrail:Audit:MaxRecords=0"];

        // Building the proxy pipeline already resolves the audit sink, so the error may come from Build or from StartAsync.
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = GuardrailApp.Build(Settings(upstream.BaseAddress, null), args);
            await app.StartAsync();
        });

        Assert.Equal(3, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.Contains("Provider 'oracle'", StringComparison.Ordinal));
    }
}
