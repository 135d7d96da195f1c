using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Testing;

namespace Guardrail.Server.Tests.Observability;

/// <summary>
/// A real Prometheus on a loopback port that scrapes one admin listener every second and evaluates the shipped rule
/// files, with its data in a temporary folder; disposing kills it and deletes the folder.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    public const string Job = "guardrail";

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();

    private PrometheusServer(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>Prometheus' own log so far, for failure messages.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Writes the configuration, starts Prometheus and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(Uri metricsTarget, IEnumerable<string> ruleFiles)
    {
        var binary = PrometheusTools.Prometheus;
        var directory = Directory.CreateTempSubdirectory("guardrail-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        var rules = string.Join(", ", ruleFiles.Select(f => $"'{f}'"));
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: [{rules}]
            scrape_configs:
              - job_name: {Job}
                metrics_path: {metricsTarget.AbsolutePath}
                static_configs:
                  - targets: ['{metricsTarget.Authority}']
            """);
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>Runs an instant query; returns the result array, or throws with Prometheus' error.</summary>
    public async Task<JsonArray> QueryAsync(string promql)
    {
        var url = "api/v1/query?query=" + Uri.EscapeDataString(promql);
        using var response = await Http.GetAsync(url);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if ((string?)body["status"] != "success")
        {
            throw new InvalidOperationException($"Prometheus refused the query ({(string?)body["errorType"]}: {(string?)body["error"]}): {promql}");
        }
        return body["data"]!["result"] as JsonArray ?? [];
    }

    /// <summary>Label values of <paramref name="label"/> on series of <paramref name="metric"/>.</summary>
    public async Task<JsonArray> LabelValuesAsync(string label, string metric)
    {
        var body = JsonNode.Parse(await Http.GetStringAsync($"api/v1/label/{label}/values?match[]={Uri.EscapeDataString(metric)}"))!;
        return body["data"] as JsonArray ?? [];
    }

    /// <summary>Waits until Prometheus has completed <paramref name="scrapes"/> scrapes of the target that started after now.</summary>
    public async Task WaitForScrapesAsync(int scrapes, TimeSpan? timeout = null)
    {
        var since = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        // A scrape that began before `since` may still be in flight and carry older values: it does not count.
        var seen = new HashSet<double>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            // timestamp() of a plain selector is the scrape's start time, not the evaluation time.
            var result = await QueryAsync($"timestamp(up{{job=\"{Job}\"}})");
            if (result.Count > 0)
            {
                var ts = double.Parse((string)result[0]!["value"]![1]!, System.Globalization.CultureInfo.InvariantCulture);
                if (ts > since) seen.Add(ts);
                if (seen.Count >= scrapes) return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Prometheus did not scrape the guardrail {scrapes} times within the timeout.{Environment.NewLine}{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being closed by the dying process; the temp folder is cleaned by the OS later.
        }
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Prometheus exited with {_process.ExitCode}:{Environment.NewLine}{Log}");
            try
            {
                using var response = await Http.GetAsync("-/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Prometheus was not ready within 30 s.{Environment.NewLine}{Log}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}
