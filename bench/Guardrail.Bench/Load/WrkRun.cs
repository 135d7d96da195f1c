using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Guardrail.Bench.Load;

/// <summary>One wrk run's figures.</summary>
/// <param name="Requests">Completed requests.</param>
/// <param name="RequestsPerSecond">wrk's Requests/sec.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="Errors">Non-2xx responses plus socket errors.</param>
public sealed record WrkResult(long Requests, double RequestsPerSecond, double P50Ms, long Errors);

/// <summary>Runs Debian's wrk with <c>bench/load/post.lua</c>, pinned to the load core, and reads its summary.</summary>
public static partial class WrkRun
{
    /// <summary>Runs wrk against <paramref name="url"/> with <paramref name="bodyFile"/> as the POST body (whole seconds, at least 1: wrk's unit).</summary>
    public static async Task<WrkResult> RunAsync(string script, Uri url, string path, string bodyFile, int connections, double seconds, string cpu, string? gapMs = null)
    {
        var info = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", cpu, "wrk", "-t1", $"-c{connections}", $"-d{Math.Max(1, (int)Math.Round(seconds)).ToString(CultureInfo.InvariantCulture)}s", "--latency", "-s", script, new Uri(url, path).ToString() })
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["BENCH_BODY"] = bodyFile;
        info.Environment["BENCH_GAP_MS"] = gapMs ?? "";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start wrk");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {error}{output}");
        return Parse(output);
    }

    /// <summary>Reads wrk's summary (requests, Requests/sec, the 50% line of --latency, errors).</summary>
    public static WrkResult Parse(string output)
    {
        var requests = Match(RequestsLine(), output, 0);
        var rps = Match(RpsLine(), output, 0);
        var p50 = P50Line().Match(output) is { Success: true } m ? Milliseconds(m.Groups[1].Value, m.Groups[2].Value) : double.NaN;
        var non2xx = Match(Non2xxLine(), output, 0);
        long socket = 0;
        if (SocketErrors().Match(output) is { Success: true } s)
        {
            for (var g = 1; g <= 4; g++) socket += long.Parse(s.Groups[g].Value, CultureInfo.InvariantCulture);
        }
        return new WrkResult((long)requests, rps, p50, (long)non2xx + socket);
    }

    private static double Match(Regex r, string text, double otherwise) =>
        r.Match(text) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : otherwise;

    private static double Milliseconds(string value, string unit)
    {
        var v = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch { "us" => v / 1000, "ms" => v, "s" => v * 1000, "m" => v * 60_000, _ => double.NaN };
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RpsLine();

    [GeneratedRegex(@"^\s+50%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex P50Line();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
