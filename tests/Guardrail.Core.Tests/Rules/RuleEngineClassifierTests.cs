using Guardrail.Detection;
using Guardrail.Pipeline;
using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Rules.Conditions;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Rules;

public sealed class RuleEngineClassifierTests
{
    private sealed class FakeClassifier(Func<string, IReadOnlyList<Signal>> detect) : IClassifier
    {
        public string Name => "tox";
        public IReadOnlyCollection<string> Categories { get; } = ["toxicity", "hate"];
        public IReadOnlyDictionary<string, string> Models { get; } = new Dictionary<string, string> { ["tox"] = "tox@1" };
        public IReadOnlyList<Signal> Detect(TextTarget target) => detect(target.Text);
    }

    private static RuleEngine Engine(FakeClassifier classifier, double above = 0.5) => new(
        new RuleSet([new Rule { Id = "tox.any", Category = "toxicity", When = new DetectorCondition("tox", ["toxicity"], above), Action = Decision.Block }], "h"),
        Policy.Default,
        new DetectorRegistry([classifier]));

    [Fact]
    public void Evaluate_ClassifierSignals_ScoredPerCategoryWithModels()
    {
        var engine = Engine(new FakeClassifier(_ => [new Signal("toxicity", 0.2, null, "x"), new Signal("hate", 0.7, null, "y")]));
        var result = engine.Evaluate(new TextTarget("t", Direction.Response, null, "text"));

        Assert.Equal(0.2, result.Scores["toxicity"]);
        Assert.Equal(0.7, result.Scores["hate"]);
        Assert.False(result.Scores.ContainsKey("tox"));
        Assert.Equal("tox@1", result.Models!["tox"]);
    }

    [Fact]
    public void Evaluate_UncheckedSignal_NeverMatchesNorScoresButIsReported()
    {
        var engine = Engine(new FakeClassifier(_ => [Signal.Unchecked("unsupported language (ru)")]), above: 0);
        var guard = new ExchangeGuard(engine, TimeProvider.System);
        guard.Evaluate([new TextTarget("t", Direction.Response, null, "Привет")]);
        var verdict = guard.Verdict();

        Assert.Empty(verdict.Findings);
        Assert.Empty(verdict.Scores);
        Assert.Equal(Decision.Unchecked, verdict.Decision);
        Assert.Equal(["tox: unsupported language (ru)"], verdict.UncheckedReasons);
        Assert.Equal("tox@1", verdict.Models["tox"]);
    }
}
