using Microsoft.Extensions.DependencyInjection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Guardrail.Pipeline;
using Guardrail.Protocol;
using Guardrail.Protocol.OpenAI;
using Guardrail.Rules;
using Guardrail.Rules.Loading;
using Guardrail.Testing;

namespace Guardrail.Bench;

/// <summary>
/// The buffered exchange stage by stage, as the proxy runs them (the load harness's profile in bench/load/README.md
/// says which stages matter): reading and checking the request, reading and checking the answer, and the rewrite that
/// writes the verdict into the answer. One exchange session per call, as per request in the proxy.
/// </summary>
[Config(typeof(BenchConfig))]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
[MemoryDiagnoser]
public class StageBenchmarks
{
    private RuleEngine _engine = null!;
    private IProtocolAdapter _adapter = null!;
    private byte[] _request = null!;
    private byte[] _answer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = BenchRules.DefaultEngine().Engine;
        _adapter = ProtocolAdapters.Default.All.OfType<ChatCompletionsAdapter>().Single();
        _request = Encoding.UTF8.GetBytes(Completions.Request(BenchTexts.ShortPrompt));
        _answer = Encoding.UTF8.GetBytes(Completions.Json(BenchTexts.Answer));
        // Fail fast rather than time a refusal or an unread body.
        var guard = new ExchangeGuard(_engine, TimeProvider.System);
        guard.InspectRequest(_adapter, _request);
        if (guard.Request is null || guard.InspectAnswer(_adapter, _answer) is null) throw new InvalidOperationException("bench bodies were not read");
    }

    /// <summary>A new exchange session: what every request pays before anything is read (the passthrough path's share).</summary>
    [Benchmark, BenchmarkCategory("stage")]
    public string Session_NewAndVerdict() => new ExchangeGuard(_engine, TimeProvider.System).Verdict().Id;

    /// <summary>The request read (JSON, targets, sources) and checked by the default policy's request rules.</summary>
    [Benchmark, BenchmarkCategory("stage")]
    public int Request_ReadAndCheck() => new ExchangeGuard(_engine, TimeProvider.System).InspectRequest(_adapter, _request).Count;

    /// <summary>The 1.5 KB answer read and checked by the default policy's response rules.</summary>
    [Benchmark, BenchmarkCategory("stage")]
    public int Answer_ReadAndCheck() => new ExchangeGuard(_engine, TimeProvider.System).InspectAnswer(_adapter, _answer)!.Targets.Count;

    /// <summary>The verdict written into the answer and the answer serialised again (after the check, as the proxy does).</summary>
    [Benchmark, BenchmarkCategory("stage")]
    public int Answer_RewriteAndSerialize()
    {
        var guard = new ExchangeGuard(_engine, TimeProvider.System);
        var answer = guard.InspectAnswer(_adapter, _answer)!;
        guard.Rewrite(answer, guard.Verdict());
        return answer.Serialize().Length;
    }
}
