using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Guardrail.Storage.Tests;

/// <summary>
/// A throw-away PostgreSQL cluster for the test run (DESIGN.md §14): initdb into a temporary folder, started on a free
/// loopback port, stopped and deleted at the end. Debian's server refuses to run as root, so as root it runs as
/// <c>postgres</c>. Without the server binaries it fails, loudly: these tests are the proof that PostgreSQL works.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("guardrail-pg-").FullName;
    private string _bin = "";
    private int _port;
    private int _databases;

    private string Data => Path.Combine(_root, "data");

    /// <summary>The connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Timeout=30";

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        if (Environment.UserName == "root") await RunAsync("chown", ["-R", "postgres:postgres", _root]);
        await RunPgAsync("initdb", ["-D", Data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]);
        _port = FreePort();
        // Durability settings off: the cluster lives for one test run.
        var options = $"-p {_port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunPgAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(_root, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..20];
        await using var admin = NpgsqlDataSource.Create(ConnectionString("postgres") + ";Pooling=false");
        await using var command = admin.CreateCommand($"CREATE DATABASE {name}");
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            await RunPgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
        }
        Directory.Delete(_root, recursive: true);
    }

    private static string FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("GUARDRAIL_PG_BIN") is { Length: > 0 } configured) candidates.Add(configured);
        else if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or $GUARDRAIL_PG_BIN. "
                + "Install the Debian package 'postgresql' (.ci/run does): the PostgreSQL audit store tests run against a real server.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // As root, the server's tools run as postgres (they refuse root); as anyone else, as that user.
    private Task RunPgAsync(string tool, string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private async Task RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode == 0) return;
        var log = Path.Combine(_root, "server.log");
        throw new InvalidOperationException(
            $"PostgreSQL test server: '{file} {string.Join(' ', args)}' exited with {process.ExitCode}:\n{await stdout}\n{await stderr}"
            + (File.Exists(log) ? "\nserver.log:\n" + await File.ReadAllTextAsync(log) : ""));
    }
}

/// <summary>Test classes that share the one PostgreSQL server (each test gets its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
