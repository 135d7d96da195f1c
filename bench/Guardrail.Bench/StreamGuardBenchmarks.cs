using Microsoft.Extensions.DependencyInjection;
using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Guardrail.Detection;
using Guardrail.Policies;
using Guardrail.Protocol.OpenAI;
using Guardrail.Rules;
using Guardrail.Rules.Loading;
using Guardrail.Streaming;
using Guardrail.Testing;
using Guardrail.Verdicts;

namespace Guardrail.Bench;

/// <summary>
/// Where a guarded stream's time goes without the network: the hold-back <see cref="StreamGuard"/> over the
/// same ~40-chunk, 1.5 KB answer the proxy benchmark streams, and the chunk parsing it does on every event.
/// </summary>
[Config(typeof(BenchConfig))]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
[MemoryDiagnoser]
public class StreamGuardBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private byte[][] _events = null!;
    private List<string> _data = null!;
    private IStreamInspector _rules = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rules = new RuleEngineInspector(BenchRules.DefaultEngine().Engine);
        // The same split as BenchUpstream: ~40 content chunks plus role, stop and [DONE].
        _data = Sse.Chunks(BenchTexts.Answer, (BenchTexts.Answer.Length + 39) / 40);
        _events = _data.Select(d => Encoding.UTF8.GetBytes($"data: {d}\n\n")).ToArray();
    }

    /// <summary>The whole stream through hold-back, one Write per event, with the default policy's rules per sentence.</summary>
    [Benchmark, BenchmarkCategory("stream")]
    public int HoldBack_Stream()
    {
        _output.ResetWrittenCount();
        var guard = new StreamGuard(StreamingMode.HoldBack, _rules, "withheld");
        foreach (var e in _events) guard.Write(e, _output);
        guard.Complete(_output);
        return _output.WrittenCount;
    }

    /// <summary>Only the chunk parse every event gets (a Utf8JsonReader pass; [DONE] is refused as not JSON), to size that part of HoldBack_Stream.</summary>
    [Benchmark, BenchmarkCategory("stream")]
    public int ChunkParse_AllEvents()
    {
        var n = 0;
        foreach (var d in _data) if (ChatChunk.TryParse(d, out var c)) n += c.Choices.Count;
        return n;
    }

    // Mirrors Guardrail.AspNetCore's internal StreamInspector minus verdict building and metrics.
    private sealed class RuleEngineInspector(RuleEngine engine) : IStreamInspector
    {
        public SentenceCheck CheckSentence(StreamSentence sentence)
        {
            var text = sentence.Text;
            var evaluation = engine.Evaluate(new TextTarget(sentence.TargetPath, Direction.Response, "assistant", text));
            return evaluation.Findings.Count == 0 ? SentenceCheck.Allow : new SentenceCheck(Decision.Flag, evaluation.Findings);
        }

        public bool Unchecked(string code, string? detail) => false;

        public JsonObject FinalVerdict(StreamOutcome outcome) => new() { ["decision"] = "allow" };
    }
}
