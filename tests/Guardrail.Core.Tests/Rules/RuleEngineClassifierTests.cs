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

    private static RuleEngine ClassifierRuleEngine(FakeClassifier classifier, Decision action, double above, Policy? policy = null) => new(
        new RuleSet([new Rule { Id = "tox.any", Category = "toxicity", When = new DetectorCondition("tox", ["toxicity"], above) { IsClassifier = true }, Action = action }], "h"),
        policy ?? Policy.Default,
        new DetectorRegistry([classifier]));

    [Theory]
    [InlineData(Decision.Block, 0.8, 0.9134, "Score 0.91 ≥ block threshold 0.80. The en classifier says so.")]
    [InlineData(Decision.Flag, 0.5, 0.5, "Score 0.50 ≥ flag threshold 0.50. The en classifier says so.")]
    [InlineData(Decision.Flag, 0.8011, 0.8012, "Score 0.8012 ≥ flag threshold 0.8011. The en classifier says so.")]
    public void Evaluate_ClassifierMatch_ExplanationStatesAppliedThreshold(Decision action, double above, double score, string expected)
    {
        var engine = ClassifierRuleEngine(new FakeClassifier(_ => [new Signal("toxicity", score, new TextSpan(0, 4), "The en classifier says so.")]), action, above);

        var finding = Assert.Single(engine.Evaluate(new TextTarget("t", Direction.Response, null, "text")).Findings);

        Assert.Equal(expected, finding.Explanation);
    }

    private static RuleEngine CategoryEngine(FakeClassifier classifier) => new(
        new RuleSet(
        [
            new Rule { Id = "tox.hate", Category = "hate", When = new DetectorCondition("tox", ["hate"], 0.5) { IsClassifier = true }, Action = Decision.Block },
            new Rule { Id = "tox.umbrella", Category = "toxicity", When = new DetectorCondition("tox", ["toxicity"], 0.5) { IsClassifier = true }, Action = Decision.Flag },
        ], "h"),
        Policy.Default,
        new DetectorRegistry([classifier]));

    private static Signal Quoting(string category, string text) =>
        new(category, 0.9, new TextSpan(0, text.Length), $"Most weight from \"{text}\".", new System.Text.Json.Nodes.JsonObject { ["ngrams"] = new System.Text.Json.Nodes.JsonArray(text) })
        {
            WithheldExplanation = "Scored 0.90.",
        };

    [Fact]
    public void Evaluate_FlagBesideBlock_FlagFindingQuotesNoWithheldWord()
    {
        const string text = "vermin";
        var engine = CategoryEngine(new FakeClassifier(_ => [Quoting("hate", text), Quoting("toxicity", text)]));

        var findings = engine.Evaluate(new TextTarget("t", Direction.Response, null, text)).Findings;

        Assert.Equal([Decision.Block, Decision.Flag], findings.Select(f => f.Action));
        Assert.All(findings, f =>
        {
            Assert.Null(f.Text);
            Assert.DoesNotContain(text, f.Explanation, StringComparison.Ordinal);
            Assert.False(f.Evidence?.ContainsKey("ngrams") ?? false);
        });
    }

    [Fact]
    public void Evaluate_FlagWithoutBlock_FlagFindingKeepsTextAndNgrams()
    {
        const string text = "vermin";
        var engine = CategoryEngine(new FakeClassifier(_ => [Quoting("toxicity", text)]));

        var finding = Assert.Single(engine.Evaluate(new TextTarget("t", Direction.Response, null, text)).Findings);

        Assert.Equal(text, finding.Text);
        Assert.Contains(text, finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PolicyOverridesThreshold_ExplanationStatesTheOverride()
    {
        var policy = new Policy { Name = "p", Overrides = new Dictionary<string, RuleOverride> { ["tox.any"] = new RuleOverride(Above: 0.6) } };
        var engine = ClassifierRuleEngine(new FakeClassifier(_ => [new Signal("toxicity", 0.7, null, "Why.")]), Decision.Block, 0.9, policy);

        var finding = Assert.Single(engine.Evaluate(new TextTarget("t", Direction.Response, null, "text")).Findings);

        Assert.Equal("Score 0.70 ≥ block threshold 0.60. Why.", finding.Explanation);
    }

    [Fact]
    public void Evaluate_DetectorConditionNotClassifier_ExplanationUnchanged()
    {
        var engine = Engine(new FakeClassifier(_ => [new Signal("toxicity", 0.9, null, "Why.")]));

        Assert.Equal("Why.", Assert.Single(engine.Evaluate(new TextTarget("t", Direction.Response, null, "text")).Findings).Explanation);
    }
}
