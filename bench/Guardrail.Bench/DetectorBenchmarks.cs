using Microsoft.Extensions.DependencyInjection;
using BenchmarkDotNet.Attributes;
using Guardrail.Detection;
using Guardrail.Injection;
using Guardrail.Pii;
using Guardrail.Rules;
using Guardrail.Rules.Loading;
using Guardrail.Testing;
using Guardrail.Text;

namespace Guardrail.Bench;

/// <summary>
/// Where the guard's time goes: each built-in detector, and the full rule evaluation of the shipped rules
/// under the default policy, on a 1.5 KB answer and a 1.5 KB prompt.
/// </summary>
/// <remarks>
/// The default policy runs PII rules on answers and injection rules on prompts, so <c>Rules_Response</c>
/// is roughly PII plus rule overhead and <c>Rules_Request</c> roughly injection plus rule overhead; the
/// detector rows on the other direction's text show what enabling them there would cost.
/// </remarks>
[Config(typeof(BenchConfig))]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private readonly PiiDetector _pii = new();
    private readonly InjectionDetector _injection = new();
    private readonly TextTarget _answer = new("response.choices[0].message", Direction.Response, "assistant", BenchTexts.Answer);
    private readonly TextTarget _prompt = new("request.messages[0]", Direction.Request, "user", BenchTexts.LongPrompt);
    private readonly TextTarget _unicodeAnswer = new("response.choices[0].message", Direction.Response, "assistant", BenchTexts.UnicodeAnswer);
    private RuleEngine _engine = null!;
    private TextTarget[] _unseen = null!;
    private int _next;
    private IDetector _toxicity = null!;

    [GlobalSetup]
    public void Setup()
    {
        (var detectors, _engine) = BenchRules.DefaultEngine();
        if (!detectors.TryGet("toxicity", out _toxicity)) throw new InvalidOperationException("no toxicity detector");
        // The answer with every longer word respelt differently per copy: words the toxicity models have not seen, so the
        // word-sum path computes each word's sums (and once its table is full, computes them on every use).
        var words = BenchTexts.Answer.Split(' ');
        _unseen = Enumerable.Range(0, 20_000).Select(k => _answer with
        {
            Text = string.Join(' ', words.Select(w => w.Length > 3 ? string.Concat(w.AsSpan(0, 2), Respelling(k), w.AsSpan(2)) : w)),
        }).ToArray();
        // Clean texts must stay clean, or the rows would time finding construction instead of the common case.
        foreach (var t in new[] { _answer, _prompt, _unicodeAnswer })
        {
            if (_engine.Evaluate(t).Findings.Count > 0) throw new InvalidOperationException($"{t.Path} is not clean");
        }
    }

    [Benchmark, BenchmarkCategory("pii")]
    public int Pii_Answer() => _pii.Detect(_answer).Count;

    [Benchmark, BenchmarkCategory("pii")]
    public int Pii_Prompt() => _pii.Detect(_prompt).Count;

    // The same answer with a few non-ASCII characters: what folding costs off the pure-ASCII path.
    [Benchmark, BenchmarkCategory("pii")]
    public int Pii_UnicodeAnswer() => _pii.Detect(_unicodeAnswer).Count;

    [Benchmark, BenchmarkCategory("injection")]
    public int Injection_Answer() => _injection.Detect(_answer).Count;

    [Benchmark, BenchmarkCategory("injection")]
    public int Injection_Prompt() => _injection.Detect(_prompt).Count;

    // The injection detector's first step, timed alone: what it costs before any pattern runs.
    [Benchmark, BenchmarkCategory("injection")]
    public int Fold_Prompt() => NormalizedText.Create(BenchTexts.LongPrompt).Folded.Length;

    [Benchmark, BenchmarkCategory("injection")]
    public int Fold_UnicodeAnswer() => NormalizedText.Create(BenchTexts.UnicodeAnswer).Folded.Length;

    // The toxicity detector exactly as the rule engine calls it on an answer: every sentence and window, all categories.
    [Benchmark, BenchmarkCategory("toxicity")]
    public int Toxicity_Answer() => _toxicity.Detect(_answer).Count;

    [Benchmark, BenchmarkCategory("toxicity")]
    public int Toxicity_Prompt() => _toxicity.Detect(_prompt).Count;

    // The worst case of the word-sum path: no word of the answer seen before.
    [Benchmark, BenchmarkCategory("toxicity")]
    public int Toxicity_AnswerUnseenWords() => _toxicity.Detect(_unseen[_next++ % _unseen.Length]).Count;

    private static string Respelling(int k) => string.Concat((char)('a' + k % 26), (char)('a' + k / 26 % 26), (char)('a' + k / 676 % 26));

    [Benchmark, BenchmarkCategory("rules")]
    public int Rules_Response() => _engine.Evaluate(_answer).Findings.Count;

    [Benchmark, BenchmarkCategory("rules")]
    public int Rules_Request() => _engine.Evaluate(_prompt).Findings.Count;
}
