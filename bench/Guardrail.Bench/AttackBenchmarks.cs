using BenchmarkDotNet.Attributes;
using Guardrail.Detection;
using Guardrail.Protocol;
using Guardrail.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.Bench;

/// <summary>
/// The prompt-attack classifier as the proxy calls it: the <c>attack</c> detector from the same registration
/// (<c>AddShippedModels</c>) on a 1 KB user prompt, a 1 KB tool result (document, segment and whole-text readings), and the last of four user turns (read with the
/// turns before it). The model card's budget is 50 µs per 1 KB prompt.
/// </summary>
[Config(typeof(BenchConfig))]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
[MemoryDiagnoser]
public class AttackBenchmarks
{
    private static readonly string Kilobyte = BenchTexts.LongPrompt[..1024];
    private readonly TextTarget _prompt = new("request.messages[1]", Direction.Request, "user", Kilobyte);
    // A tool result is a retrieved page: the first 1 KB of the bench answer (an explanatory text). The 1 KB prompt itself,
    // a user's requests to the assistant, is flagged by the segment model when it arrives as a tool result (models/attacks.md).
    private static readonly string DocumentKilobyte = BenchTexts.Answer[..1024];
    private readonly TextTarget _toolResult = new("request.messages[3]", Direction.Request, "tool", DocumentKilobyte) { Channel = TextChannel.ToolResult };
    private TextTarget _lastTurn = null!;
    private IDetector _attack = null!;

    [GlobalSetup]
    public void Setup()
    {
        var detectors = Guardrail.AspNetCore.Hosting.GuardrailDetectorRegistry.Build(b => b.AddShippedModels(RepoPaths.Models));
        if (!detectors.TryGet("attack", out _attack)) throw new InvalidOperationException("no attack detector registered");
        var turns = Enumerable.Range(0, 4).Select(i => new TextTarget($"request.messages[{i}]", Direction.Request, "user", Kilobyte[(i * 256)..((i + 1) * 256)])).ToArray();
        _lastTurn = turns[^1] with { PriorTurns = new ArraySegment<TextTarget>(turns, 0, 3) };
        // Clean texts: the rows time the common case, not explanation building.
        foreach (var t in new[] { _prompt, _toolResult, _lastTurn })
        {
            if (_attack.Detect(t).Any(s => s.Score >= 0.5)) throw new InvalidOperationException($"{t.Path} is not clean");
        }
    }

    [Benchmark, BenchmarkCategory("attack")]
    public int Attack_Prompt1KB() => _attack.Detect(_prompt).Count;

    [Benchmark, BenchmarkCategory("attack")]
    public int Attack_ToolResult1KB() => _attack.Detect(_toolResult).Count;

    [Benchmark, BenchmarkCategory("attack")]
    public int Attack_FourthTurnOfConversation() => _attack.Detect(_lastTurn).Count;
}
