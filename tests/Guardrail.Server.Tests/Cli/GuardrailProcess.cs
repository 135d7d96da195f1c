using System.Diagnostics;
using Guardrail.Testing;

namespace Guardrail.Server.Tests.Cli;

/// <summary>
/// Runs the built <c>guardrail</c> executable as a user would, from the repository root, capturing both streams:
/// what the host logs to the console (where a stack trace would show) is only visible out of process.
/// </summary>
internal static class GuardrailProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Standard error's non-empty lines.</summary>
        public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "guardrail.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"guardrail {string.Join(" ", args)} did not exit within 60 s: {await stdout}{await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
