using Guardrail.Detection;
using Guardrail.Pipeline;
using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Rules.Conditions;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Rules;

public sealed class RuleEngineShareTests
{
    private sealed class FakeClassifier(Func<TextTarget, IReadOnlyList<Signal>> detect) : IClassifier
    {
        public string Name => "ground";
        public IReadOnlyCollection<string> Categories { get; } = ["ground"];
        public IReadOnlyDictionary<string, string> Models { get; } = new Dictionary<string, string> { ["ground"] = "ground@1" };
        public IReadOnlyList<Signal> Detect(TextTarget target) => detect(target);
    }

    private static readonly Signal Problem = new("bad-claim", 0.9, new TextSpan(0, 4), "Unsupported.");

    private static RuleEngine Engine(FakeClassifier classifier, IRuleCondition? when = null) => new(
        new RuleSet([new Rule { Id = "ground.bad", Category = "ground", When = when ?? new DetectorCondition("ground", ["bad-claim"], 0.5) }], "h"),
        Policy.Default,
        new DetectorRegistry([classifier]));

    [Fact]
    public void Evaluate_ShareSignal_TalliedNotScoredAndFindingScoreKeptOut()
    {
        var engine = Engine(new FakeClassifier(_ => [Problem, Signal.ShareOf("ground", new ScoreShare(3, 4), "3 of 4.")]));

        var result = engine.Evaluate(new TextTarget("t", Direction.Response, null, "text"));

        Assert.Equal(0.9, Assert.Single(result.Findings).Score);
        Assert.False(result.Scores.ContainsKey("ground"));
        Assert.Equal(new ScoreShare(3, 4), result.Shares!["ground"]);
    }

    [Fact]
    public void Evaluate_NonCategoryKindWithoutShare_DoesNotScoreUnderDetectorName()
    {
        var engine = Engine(new FakeClassifier(_ => [Problem]), when: new SignalsOnly());

        var result = engine.Evaluate(new TextTarget("t", Direction.Response, null, "text"));

        Assert.Empty(result.Scores);
    }

    [Fact]
    public void Evaluate_NoteSignal_NoteNeverMatchNorScore()
    {
        var engine = Engine(new FakeClassifier(_ => [Signal.Note("source 2 is empty")]), when: new DetectorCondition("ground", [], 0));

        var result = engine.Evaluate(new TextTarget("t", Direction.Response, null, "text"));

        Assert.Empty(result.Findings);
        Assert.Empty(result.Scores);
        Assert.Equal(["ground: source 2 is empty"], result.Notes);
    }

    [Fact]
    public void Evaluate_ShareSignalWithAnyKindCondition_NeverMatches()
    {
        var engine = Engine(new FakeClassifier(_ => [Signal.ShareOf("ground", new ScoreShare(1, 1), "1 of 1.")]), when: new DetectorCondition("ground", [], 0));

        Assert.Empty(engine.Evaluate(new TextTarget("t", Direction.Response, null, "text")).Findings);
    }

    [Fact]
    public void Evaluate_ClassifierWithoutSignals_ListsNoModel()
    {
        var engine = Engine(new FakeClassifier(_ => []));

        Assert.Null(engine.Evaluate(new TextTarget("t", Direction.Response, null, "text")).Models);
    }

    [Fact]
    public void Verdict_SharesOverSeveralTargets_SummedNotMaxed()
    {
        // Streaming evaluates each sentence as its own target: 1/1, 0/1 and 0/0 must give 1/2, not max(1, 0).
        var shares = new Queue<ScoreShare>([new(1, 1), new(0, 1), new(0, 0)]);
        var engine = Engine(new FakeClassifier(_ => [Signal.ShareOf("ground", shares.Dequeue(), "x")]));
        var guard = new ExchangeGuard(engine, TimeProvider.System);

        guard.Evaluate([new TextTarget("a", Direction.Response, null, "one"), new TextTarget("b", Direction.Response, null, "two"),
            new TextTarget("c", Direction.Response, null, "three")]);
        var verdict = guard.Verdict();

        Assert.Equal(0.5, verdict.Scores["ground"]);
        Assert.Equal(new ScoreShare(1, 2), guard.Builder.Shares["ground"]);
    }

    [Fact]
    public void Verdict_SharesWithNothingCounted_CategoryAbsent()
    {
        var engine = Engine(new FakeClassifier(_ => [Problem, Signal.ShareOf("ground", new ScoreShare(0, 0), "x")]));
        var guard = new ExchangeGuard(engine, TimeProvider.System);

        guard.Evaluate([new TextTarget("a", Direction.Response, null, "text")]);
        var verdict = guard.Verdict();

        Assert.Single(verdict.Findings);
        Assert.False(verdict.Scores.ContainsKey("ground"));
        Assert.Equal(Decision.Flag, verdict.Decision);
    }

    private sealed class SignalsOnly : IRuleCondition
    {
        public IEnumerable<string> Detectors => ["ground"];
        public ConditionResult Evaluate(RuleContext context)
        {
            _ = context.Signals("ground");
            return ConditionResult.None;
        }
    }
}
