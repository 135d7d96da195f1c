using System.Diagnostics;

namespace Guardrail.Server.Tests.Observability;

/// <summary>Finds <c>prometheus</c> and <c>promtool</c> (Debian's <c>prometheus</c> package, DESIGN.md §14) and runs promtool.</summary>
internal static class PrometheusTools
{
    /// <summary>The Prometheus server binary; throws with an install hint when it is missing (the tests never skip).</summary>
    public static string Prometheus => Find("prometheus");

    /// <summary>The promtool binary; throws with an install hint when it is missing.</summary>
    public static string Promtool => Find("promtool");

    /// <summary>Runs promtool with <paramref name="args"/> and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> PromtoolAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Promtool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, $"promtool {string.Join(' ', args)}{Environment.NewLine}{await stdout}{await stderr}");
    }

    private static string Find(string name)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            $"'{name}' was not found on PATH. The dashboard and alert tests need a real Prometheus: install Debian's " +
            "'prometheus' package (apt-get install prometheus; .ci/run does this when it is missing).");
    }
}
