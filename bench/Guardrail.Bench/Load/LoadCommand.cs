using System.Globalization;

namespace Guardrail.Bench.Load;

/// <summary>
/// The harness's processes as subcommands of the bench executable: <c>load</c> (the harness), <c>upstream</c> (the fast
/// upstream every arm shares) and <c>bare</c> (a bare YARP passthrough), so each runs in its own pinned process.
/// </summary>
public static class LoadCommand
{
    /// <summary>The subcommands; anything else goes to BenchmarkDotNet.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { "load", "upstream", "bare" };

    /// <summary>Runs a subcommand; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            switch (args[0])
            {
                case "upstream":
                {
                    var port = int.Parse(Value(args, "--port"), CultureInfo.InvariantCulture);
                    await using var upstream = await BenchUpstream.StartAsync(BenchTexts.Answer, port, LoadWorkload.StreamDeltas,
                        new Dictionary<string, string> { [LoadWorkload.LongAnswerModel] = LoadWorkload.LongAnswer });
                    await WaitForever();
                    return 0;
                }
                case "bare":
                {
                    var port = int.Parse(Value(args, "--port"), CultureInfo.InvariantCulture);
                    await using var bare = await BareProxy.StartAsync(new Uri(Value(args, "--upstream")), port, allocationEndpoint: true, fullHost: args.Contains("--full-host"));
                    await WaitForever();
                    return 0;
                }
                default:
                    return await LoadHarness.RunAsync(LoadOptions.Parse(args[1..]), Console.Out);
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"bench {args[0]}: {e.Message}");
            return 2;
        }
    }

    private static string Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} is required");
    }

    // Until SIGTERM or Ctrl-C. The web host's console lifetime also handles both and keeps the process alive until the
    // host stops, so the signals are watched here too; the caller then disposes the host and returns.
    private static async Task WaitForever()
    {
        var done = new TaskCompletionSource();
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => done.TrySetResult());
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, _ => done.TrySetResult());
        await done.Task;
    }
}
