using System.Diagnostics;
using Guardrail.Testing;

namespace Guardrail.Server.Tests.Bench;

/// <summary>
/// One short round of the load harness (<c>bench/load/run --smoke</c>): every arm starts, every workload runs through
/// wrk without errors, streams arrive whole. It measures nothing worth quoting; it proves the harness still works.
/// </summary>
public class LoadHarnessSmokeTests
{
    [Fact]
    public async Task Load_SmokeRound_EveryArmAndWorkloadWithoutErrors()
    {
        var root = RepoPaths.Root;
        // The bench executable and guardrail as this test run built them (the project reference orders the build).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var bench = Path.Combine(root, "bench/Guardrail.Bench/bin", configuration, "net10.0/Guardrail.Bench.dll");
        var guardrail = Path.Combine(root, "src/Guardrail.Server/bin", configuration, "net10.0/guardrail.dll");
        Assert.True(File.Exists(bench), $"{bench} not built");

        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { bench, "load", "--smoke", "--guardrail", guardrail }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{await stderr}");
        var rows = output.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        string[] workloads = ["chat 1.5 KB", "chat streamed, 64 deltas", "chat 20 KB + 5 sources", "anthropic messages", "openai responses"];
        string[] arms = ["direct (no proxy)", "bare YARP", "nginx proxy_pass", "guardrail passthrough", "guardrail default", "guardrail default, audit on", "guardrail strict"];
        foreach (var w in workloads)
        {
            foreach (var arm in arms) Assert.Contains(rows, r => r.StartsWith($"| {w} | {arm} |", StringComparison.Ordinal));
        }
        // The passthrough arm's verdict says nothing was checked; the default arm checked the chat answer.
        Assert.Contains(rows, r => r.StartsWith("| chat 1.5 KB | guardrail passthrough | unchecked |", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("| chat 1.5 KB | guardrail default | allow |", StringComparison.Ordinal));
        var streams = rows.Where(r => r.EndsWith("| same |", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, streams.Count);
        Assert.DoesNotContain("DIFFERS", output);
    }
}
