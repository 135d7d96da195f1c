using System.Globalization;

namespace Guardrail.Bench.Load;

/// <summary>The harness's settings (<c>bench/load/run --help</c>).</summary>
public sealed record LoadOptions
{
    /// <summary>Interleaved rounds; ratios are medians over them.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Seconds per wrk run.</summary>
    public double Seconds { get; init; } = 5;

    /// <summary>Seconds of warm-up per arm and workload before the first round (0: none).</summary>
    public double WarmupSeconds { get; init; } = 2;

    /// <summary>wrk connections for the throughput runs.</summary>
    public int Connections { get; init; } = 16;

    /// <summary>Streamed requests per arm for time to first token (20 ms between events).</summary>
    public int StreamProbes { get; init; } = 8;

    /// <summary>The guardrail executable (<c>guardrail.dll</c>), from the repository's Release build by default.</summary>
    public string? Guardrail { get; init; }

    /// <summary>One short round of everything: proves the harness works (CI), measures nothing worth quoting.</summary>
    public static LoadOptions Smoke { get; } = new() { Rounds = 1, Seconds = 1, WarmupSeconds = 0, StreamProbes = 1 };

    /// <summary>Parses <c>--rounds N --seconds S --warmup S --connections C --stream-probes N --guardrail DLL --smoke</c>.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var o = args.Contains("--smoke") ? Smoke : new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--smoke": break;
                case "--rounds": o = o with { Rounds = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--seconds": o = o with { Seconds = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--warmup": o = o with { WarmupSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--connections": o = o with { Connections = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--stream-probes": o = o with { StreamProbes = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--guardrail": o = o with { Guardrail = Next() }; break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        if (o.Rounds < 1 || o.Seconds <= 0 || o.Connections < 1 || o.StreamProbes < 1) throw new ArgumentException("rounds, seconds, connections and stream probes must be positive");
        return o;
    }
}
