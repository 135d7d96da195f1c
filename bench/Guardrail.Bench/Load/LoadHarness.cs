using System.Diagnostics;
using System.Globalization;
using Guardrail.Testing;

namespace Guardrail.Bench.Load;

/// <summary>
/// The side-by-side load harness: one fast upstream, the arms (direct, bare YARP, nginx, Guardrail under several
/// policies), wrk with <c>bench/load/post.lua</c>, rounds interleaved, medians of per-round ratios against bare YARP.
/// The proxy under test runs on CPU 0, wrk and the upstream on CPU 1.
/// </summary>
public static class LoadHarness
{
    // The first two CPUs this process may run on (a container's cpuset need not start at 0); on one CPU everything
    // shares it (the smoke round still proves the harness; its figures mean less).
    private static readonly string[] Cpus = AllowedCpus();
    private static readonly string ProxyCpu = Cpus[0];
    private static readonly string LoadCpu = Cpus.Length > 1 ? Cpus[1] : Cpus[0];

    private static string[] AllowedCpus()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
            var cpus = new List<string>();
            foreach (var part in (line?[(line.IndexOf(':') + 1)..] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var range = part.Split('-');
                var low = int.Parse(range[0], CultureInfo.InvariantCulture);
                var high = range.Length > 1 ? int.Parse(range[1], CultureInfo.InvariantCulture) : low;
                for (var c = low; c <= high && cpus.Count < 2; c++) cpus.Add(c.ToString(CultureInfo.InvariantCulture));
            }
            return cpus.Count > 0 ? [.. cpus] : ["0"];
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return ["0"];
        }
    }

    private sealed record Cell(string Workload, string Arm, double Rps, double CpuPerRequest, double? AllocPerRequest, double P50Ms, long Errors);

    /// <summary>Runs every arm and workload and prints the tables; returns 0, or 1 when a run failed or returned errors.</summary>
    public static async Task<int> RunAsync(LoadOptions options, TextWriter output)
    {
        foreach (var tool in new[] { "wrk", "nginx", "taskset" })
        {
            if (Which(tool) is null)
            {
                output.WriteLine($"bench load: '{tool}' not found; install Debian's wrk and nginx (apt-get install wrk nginx)");
                return 2;
            }
        }
        var root = RepoRoot();
        var guardrail = options.Guardrail ?? Path.Combine(root, "src/Guardrail.Server/bin/Release/net10.0/guardrail.dll");
        if (!File.Exists(guardrail)) throw new ArgumentException($"'{guardrail}' not found; build first: dotnet build -c Release src/Guardrail.Server");
        var bench = typeof(LoadHarness).Assembly.Location;
        var script = Path.Combine(root, "bench/load/post.lua");
        var work = Directory.CreateTempSubdirectory("guardrail-load-").FullName;
        var arms = new List<LoadArm>();
        var failed = false;
        try
        {
            var bodies = LoadWorkload.All.ToDictionary(w => w.Name, w =>
            {
                var file = Path.Combine(work, $"body-{LoadWorkload.All.ToList().IndexOf(w)}.json");
                File.WriteAllText(file, w.Body);
                return file;
            });
            var upstreamPort = LoopbackPorts.Free();
            var upstreamUrl = new Uri($"http://127.0.0.1:{upstreamPort}/");
            arms.Add(await WithFreshPortAsync(() =>
            {
                upstreamPort = LoopbackPorts.Free();
                upstreamUrl = new Uri($"http://127.0.0.1:{upstreamPort}/");
                return LoadArm.StartAsync("upstream", LoadCpu, "dotnet", [bench, "upstream", "--port", P(upstreamPort)], upstreamUrl, upstreamUrl);
            }));
            var upstream = arms[0];
            // Each arm joins `arms` as soon as it runs, so a later arm that fails to start leaves no process behind.
            var measured = new List<LoadArm> { LoadArm.Direct(upstreamUrl) };
            measured.Add(Started(arms, await StartBareAsync(bench, upstreamUrl)));
            measured.Add(Started(arms, await StartNginxAsync(work, upstreamPort)));
            foreach (var (name, policy, audit) in new[]
            {
                ("guardrail passthrough", "passthrough", false),
                ("guardrail default", "default", false),
                ("guardrail default, audit on", "default", true),
                ("guardrail strict", "strict", false),
            })
            {
                measured.Add(Started(arms, await StartGuardrailAsync(name, guardrail, root, work, upstreamUrl, policy, audit)));
            }
            var observe = Started(arms, await StartGuardrailAsync("guardrail observe", guardrail, root, work, upstreamUrl, "observe", audit: false));

            output.WriteLine($"# Guardrail load harness, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            output.WriteLine($"machine: {Environment.ProcessorCount} cores ({CpuModel()}); proxy under test on CPU {ProxyCpu}, wrk and upstream on CPU {LoadCpu}; " +
                $"{options.Rounds} round(s) of {options.Seconds} s per run, {options.Connections} connections, warm-up {options.WarmupSeconds} s");
            output.WriteLine();

            // What each arm decides on each workload, so the table says what it measured.
            var decisions = new Dictionary<(string, string), string>();
            foreach (var w in LoadWorkload.All)
            {
                foreach (var arm in measured) decisions[(w.Name, arm.Name)] = await DecisionAsync(arm, w);
            }

            if (options.WarmupSeconds > 0)
            {
                foreach (var w in LoadWorkload.All)
                {
                    foreach (var arm in measured) await WrkRun.RunAsync(script, arm.BaseAddress, w.Path, bodies[w.Name], options.Connections, options.WarmupSeconds, LoadCpu);
                }
            }
            var cells = new List<Cell>();
            var single = new List<Cell>();
            var chat = LoadWorkload.All[0];
            for (var round = 0; round < options.Rounds; round++)
            {
                // Interleaved: every arm once per workload per round, starting one arm later each round.
                var order = measured.Skip(round % measured.Count).Concat(measured.Take(round % measured.Count)).ToList();
                foreach (var w in LoadWorkload.All)
                {
                    foreach (var arm in order) cells.Add(await MeasureAsync(arm, w, script, bodies[w.Name], options.Connections, options.Seconds));
                }
                foreach (var arm in order) single.Add(await MeasureAsync(arm, chat, script, bodies[chat.Name], 1, options.Seconds));
            }
            // The direct arm is the upstream alone on the load core: its socket errors are wrk's and the upstream's, not a proxy's.
            failed |= cells.Concat(single).Any(c => c.Errors > 0 && c.Arm != "direct (no proxy)");

            output.Write(FormatThroughput(cells, decisions, options.Rounds));
            output.WriteLine();
            output.Write(FormatSingle(single));
            output.WriteLine();

            var streamArms = measured.Where(a => a.Name is "direct (no proxy)" or "bare YARP" or "nginx proxy_pass" or "guardrail passthrough" or "guardrail default").Append(observe).ToList();
            var streamBody = LoadWorkload.All[1].Body;
            var probes = new Dictionary<string, IReadOnlyList<StreamSample>>();
            foreach (var arm in streamArms) probes[arm.Name] = await StreamProbe.RunAsync(arm.BaseAddress, streamBody, options.StreamProbes, gapMs: 20);
            output.Write(FormatStreams(probes));
            return failed ? 1 : 0;
        }
        finally
        {
            foreach (var arm in arms) await arm.DisposeAsync();
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // nginx may still be writing its temp files: leave the folder.
            }
        }
    }

    private static LoadArm Started(List<LoadArm> arms, LoadArm arm)
    {
        arms.Add(arm);
        return arm;
    }

    private static async Task<Cell> MeasureAsync(LoadArm arm, LoadWorkload w, string script, string body, int connections, double seconds)
    {
        var alloc0 = await arm.AllocatedBytesAsync();
        var cpu0 = arm.CpuSeconds();
        var r = await WrkRun.RunAsync(script, arm.BaseAddress, w.Path, body, connections, seconds, LoadCpu);
        var cpu1 = arm.CpuSeconds();
        var alloc1 = await arm.AllocatedBytesAsync();
        var n = Math.Max(1, r.Requests);
        return new Cell(w.Name, arm.Name, r.RequestsPerSecond, (cpu1 - cpu0) / n, alloc0 is { } a && alloc1 is { } b ? (b - a) / n : null, r.P50Ms, r.Errors);
    }

    // A port found free can be taken by another process before the arm binds it (tests run beside the harness): try
    // again on a new port a few times.
    private static async Task<LoadArm> WithFreshPortAsync(Func<Task<LoadArm>> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (InvalidOperationException e) when (attempt < 4 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await Task.Delay(100);
            }
        }
    }

    private static Task<LoadArm> StartBareAsync(string bench, Uri upstream) => WithFreshPortAsync(() => StartBareOnceAsync(bench, upstream));

    private static Task<LoadArm> StartNginxAsync(string work, int upstreamPort) => WithFreshPortAsync(() => StartNginxOnceAsync(work, upstreamPort));

    private static Task<LoadArm> StartGuardrailAsync(string name, string dll, string root, string work, Uri upstream, string policy, bool audit) =>
        WithFreshPortAsync(() => StartGuardrailOnceAsync(name, dll, root, work, upstream, policy, audit));

    private static Task<LoadArm> StartBareOnceAsync(string bench, Uri upstream)
    {
        var port = LoopbackPorts.Free();
        var url = new Uri($"http://127.0.0.1:{port}/");
        return LoadArm.StartAsync("bare YARP", ProxyCpu, "dotnet", [bench, "bare", "--port", P(port), "--upstream", upstream.ToString()], url,
            new Uri(url, "/__bench/allocated"), allocationUrl: new Uri(url, "/__bench/allocated").ToString());
    }

    private static Task<LoadArm> StartNginxOnceAsync(string work, int upstreamPort)
    {
        var port = LoopbackPorts.Free();
        var prefix = Path.Combine(work, "nginx");
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        var conf = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(conf, $$"""
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log stderr warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{prefix}}/body;
              proxy_temp_path {{prefix}}/proxy;
              upstream bench { server 127.0.0.1:{{upstreamPort}}; keepalive 64; }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://bench;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_buffering off;
                  proxy_request_buffering off;
                }
              }
            }
            """);
        var url = new Uri($"http://127.0.0.1:{port}/");
        return LoadArm.StartAsync("nginx proxy_pass", ProxyCpu, "nginx", ["-p", prefix, "-c", conf, "-g", "daemon off;"], url, url);
    }

    private static Task<LoadArm> StartGuardrailOnceAsync(string name, string dll, string root, string work, Uri upstream, string policy, bool audit)
    {
        var port = LoopbackPorts.Free();
        var admin = LoopbackPorts.Free();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var adminUrl = new Uri($"http://127.0.0.1:{admin}/");
        string[] args =
        [
            dll, "serve", "--upstream", upstream.ToString(), "--listen", url.ToString().TrimEnd('/'), "--admin-listen", adminUrl.ToString().TrimEnd('/'),
            "--rules", Path.Combine(root, "rules"), "--policy", policy,
            "--audit", audit ? $"Data Source={Path.Combine(work, policy + "-audit.db")}" : "off",
        ];
        // The models folder is found relative to the working directory, as for `serve` from the repository root.
        var env = new Dictionary<string, string> { ["Guardrail__Toxicity__ModelsDirectory"] = Path.Combine(root, "models") };
        return LoadArm.StartAsync(name, ProxyCpu, "dotnet", args, url, new Uri(adminUrl, "/healthz"), allocationUrl: new Uri(adminUrl, "/metrics").ToString(), prometheus: true, environment: env);
    }

    private static async Task<string> DecisionAsync(LoadArm arm, LoadWorkload w)
    {
        if (!arm.IsGuardrail) return "—";
        using var client = new HttpClient { BaseAddress = arm.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, w.Path) { Content = new StringContent(w.Body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (w.Stream)
        {
            // A stream's headers describe the prompt; its final verdict rides in the last chunk.
            var at = body.LastIndexOf("\"decision\":\"", StringComparison.Ordinal);
            if (at >= 0) return body[(at + 12)..body.IndexOf('"', at + 12)];
        }
        return response.Headers.TryGetValues("x-guardrail-decision", out var v) ? string.Join(",", v) : $"HTTP {(int)response.StatusCode}";
    }

    private static string FormatThroughput(List<Cell> cells, Dictionary<(string, string), string> decisions, int rounds)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"Throughput (wrk, {cells.Count / Math.Max(1, rounds) / LoadWorkload.All.Count} arms; ratios are medians of per-round ratios against bare YARP; CPU and allocations per request are the proxy process's)");
        sb.AppendLine();
        sb.AppendLine("| workload | arm | decision | req/s | × bare | CPU µs/req | × bare | alloc KB/req | p50 ms | errors |");
        sb.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in LoadWorkload.All)
        {
            var bare = cells.Where(c => c.Workload == w.Name && c.Arm == "bare YARP").ToList();
            foreach (var arm in cells.Where(c => c.Workload == w.Name).Select(c => c.Arm).Distinct())
            {
                var mine = cells.Where(c => c.Workload == w.Name && c.Arm == arm).ToList();
                var rps = Median(mine.Select(c => c.Rps));
                var rpsRatio = Median(mine.Select((c, i) => c.Rps / bare[i].Rps));
                var cpu = Median(mine.Select(c => c.CpuPerRequest));
                var cpuRatio = arm == "direct (no proxy)" ? double.NaN : Median(mine.Select((c, i) => c.CpuPerRequest / bare[i].CpuPerRequest));
                var alloc = mine.All(c => c.AllocPerRequest is not null) ? Median(mine.Select(c => c.AllocPerRequest!.Value)) / 1024 : double.NaN;
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {w.Name} | {arm} | {decisions.GetValueOrDefault((w.Name, arm), "—")} | {rps:F0} | {rpsRatio:F2}× | {(arm == "direct (no proxy)" ? "—" : (cpu * 1e6).ToString("F0", CultureInfo.InvariantCulture))} | {Na(cpuRatio, "F2")} | {Na(alloc, "F1")} | {Median(mine.Select(c => c.P50Ms)):F2} | {mine.Sum(c => c.Errors)} |"));
            }
        }
        return sb.ToString();
    }

    private static string FormatSingle(List<Cell> single)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("Latency at one connection (chat 1.5 KB; added = median of per-round differences against bare YARP)");
        sb.AppendLine();
        sb.AppendLine("| arm | p50 ms | added p50 ms |");
        sb.AppendLine("|---|---:|---:|");
        var bare = single.Where(c => c.Arm == "bare YARP").ToList();
        foreach (var arm in single.Select(c => c.Arm).Distinct())
        {
            var mine = single.Where(c => c.Arm == arm).ToList();
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {arm} | {Median(mine.Select(c => c.P50Ms)):F3} | {Median(mine.Select((c, i) => c.P50Ms - bare[i].P50Ms)):+0.000;-0.000} |"));
        }
        return sb.ToString();
    }

    private static string FormatStreams(Dictionary<string, IReadOnlyList<StreamSample>> probes)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"Streams (one connection, the upstream pausing 20 ms between its {LoadWorkload.StreamDeltas} deltas; medians over {probes.Values.First().Count} streams; text: the deltas' text equals the direct arm's)");
        sb.AppendLine();
        sb.AppendLine("| arm | first token ms | added | whole stream ms | added | bytes | × upstream | events | text |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        var direct = probes["direct (no proxy)"];
        var bare = probes["bare YARP"];
        foreach (var (arm, samples) in probes)
        {
            var first = Median(samples.Select(s => s.FirstTokenMs));
            var total = Median(samples.Select(s => s.TotalMs));
            var bytes = Median(samples.Select(s => (double)s.Bytes));
            var sameText = samples.All(s => s.Text == direct[0].Text) ? "same" : "DIFFERS";
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {arm} | {first:F1} | {first - Median(bare.Select(s => s.FirstTokenMs)):+0.0;-0.0} | {total:F1} | {total - Median(bare.Select(s => s.TotalMs)):+0.0;-0.0} | {bytes:F0} | {bytes / Median(direct.Select(s => (double)s.Bytes)):F2}× | {Median(samples.Select(s => (double)s.Events)):F0} | {sameText} |"));
        }
        return sb.ToString();
    }

    private static string Na(double v, string format) => double.IsNaN(v) || double.IsInfinity(v) ? "—" : v.ToString(format, CultureInfo.InvariantCulture) + (format == "F2" ? "×" : "");

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).Order().ToList();
        if (v.Count == 0) return double.NaN;
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }

    private static string P(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown CPU" : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(Environment.CurrentDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Guardrail.sln"))) dir = dir.Parent;
        dir ??= new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Guardrail.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new ArgumentException("run from inside the repository (Guardrail.sln not found)");
    }
}
