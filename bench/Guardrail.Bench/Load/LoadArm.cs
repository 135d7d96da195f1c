using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Guardrail.Bench.Load;

/// <summary>One proxy (or none) the harness drives: a process pinned to the proxy core, its address, and how to read its allocations.</summary>
public sealed partial class LoadArm : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly string? _allocationUrl;
    private readonly bool _prometheus;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private LoadArm(string name, Uri baseAddress, Process? process, string? allocationUrl, bool prometheus)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
        _allocationUrl = allocationUrl;
        _prometheus = prometheus;
    }

    /// <summary>Row label.</summary>
    public string Name { get; }

    /// <summary>Where requests go.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Whether the arm is a Guardrail process (its verdict header is checked).</summary>
    public bool IsGuardrail => _prometheus;

    /// <summary>The process whose CPU is measured (null for the direct arm: the upstream is not the proxy).</summary>
    public int? Pid => _process?.Id;

    /// <summary>The upstream itself, no proxy.</summary>
    public static LoadArm Direct(Uri upstream) => new("direct (no proxy)", upstream, null, null, false);

    /// <summary>Starts <paramref name="command"/> pinned to <paramref name="cpu"/> and waits until <paramref name="ready"/> answers.</summary>
    public static async Task<LoadArm> StartAsync(string name, string cpu, string command, IReadOnlyList<string> args, Uri baseAddress, Uri ready,
        string? allocationUrl = null, bool prometheus = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(cpu);
        info.ArgumentList.Add(command);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name}: could not start {command}");
        // Drain both pipes so a chatty process never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var arm = new LoadArm(name, baseAddress, process, allocationUrl, prometheus);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name}: exited with {process.ExitCode}: {await stderr}");
            try
            {
                using var response = await Http.GetAsync(ready);
                return arm;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }
        await arm.DisposeAsync();
        throw new TimeoutException($"{name}: not ready at {ready} within 60 s");
    }

    /// <summary>CPU seconds the arm's process (and children) used so far; 0 for the direct arm.</summary>
    public double CpuSeconds() => _process is null ? 0 : ProcessStats.CpuSeconds(_process.Id);

    /// <summary>Bytes the arm's .NET process allocated so far, or null where it cannot say (nginx, direct).</summary>
    public async Task<double?> AllocatedBytesAsync()
    {
        if (_allocationUrl is null) return null;
        try
        {
            var text = await Http.GetStringAsync(_allocationUrl);
            if (!_prometheus) return double.Parse(text, CultureInfo.InvariantCulture);
            var m = AllocatedMetric().Match(text);
            return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    // .NET's System.Runtime meter, which prometheus-net exports on the admin listener.
    [GeneratedRegex(@"(?m)^system_runtime_dotnet_gc_heap_total_allocated(?:\{[^}]*\})? ([0-9.eE+]+)")]
    private static partial Regex AllocatedMetric();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
