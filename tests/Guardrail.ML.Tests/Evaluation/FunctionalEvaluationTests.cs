using Guardrail.Detection;
using Guardrail.ML.Detection;
using Guardrail.ML.Evaluation;
using Guardrail.ML.Runtime;
using Guardrail.Pipeline;
using Guardrail.Rules.Loading;
using Guardrail.Verdicts;

namespace Guardrail.ML.Tests.Evaluation;

public sealed class FunctionalEvaluationTests
{
    private static readonly string[] Categories = ["toxicity", "hate"];

    private static FunctionalCase Case(string functionality, string text, string category = "none", string language = "en") =>
        new($"{language}-{text}", language, functionality, FunctionalSuite.Functionalities.Single(f => f.Name == functionality).ExpectAct, category, text);

    // The fake check reads its verdict off the text: "block", "flag", "unchecked" or anything else (allow), plus scores.
    private static Verdict Fake(string text, IReadOnlyDictionary<string, double>? scores = null) => new()
    {
        Id = "v",
        Policy = "default@test",
        Decision = text.Split(' ')[0] switch { "block" => Decision.Block, "flag" => Decision.Flag, "unchecked" => Decision.Unchecked, _ => Decision.Allow },
        Scores = scores ?? new Dictionary<string, double>(),
    };

    [Fact]
    public void Rows_PassAndActFunctionalities_AccuracyFlaggedBlockedUnchecked()
    {
        FunctionalCase[] cases =
        [
            Case("counter-speech", "allow 1"), Case("counter-speech", "flag 2"), Case("counter-speech", "block 3"), Case("counter-speech", "unchecked 4"),
            Case("threat-direct", "block 5", "threat"), Case("threat-direct", "allow 6", "threat"),
        ];

        var rows = FunctionalEvaluation.Rows(FunctionalEvaluation.Score(cases, t => Fake(t), Categories));

        Assert.Equal(["counter-speech", "threat-direct"], rows.Select(r => r.Functionality));
        Assert.Equal(new FunctionalRow("en", "counter-speech", false, 4, 0.5, 0.25, 0.25, 1), rows[0]);
        Assert.Equal(new FunctionalRow("en", "threat-direct", true, 2, 0.5, 0, 0.5, 0), rows[1]);
    }

    [Fact]
    public void Targets_FalsePositiveGroup_PooledOverItsFunctionalitiesPerLanguage()
    {
        FunctionalCase[] cases =
        [
            Case("identity-neutral", "flag 1"), Case("identity-neutral", "allow 2"), Case("violent-benign", "allow 3"), Case("violent-benign", "allow 4"),
            Case("identity-neutral", "allow 5", language: "zh"),
        ];

        var targets = FunctionalEvaluation.Targets(FunctionalEvaluation.Score(cases, t => Fake(t), Categories));

        var en = targets.Single(t => t.Language == "en" && t.Target.Functionalities.Contains("identity-neutral"));
        Assert.Equal((4, 0.25, false), (en.Count, en.Rate, en.Target.Met(en.Rate)));
        var zh = targets.Single(t => t.Language == "zh" && t.Target.Functionalities.Contains("identity-neutral"));
        Assert.Equal((1, 0.0, true), (zh.Count, zh.Rate, zh.Target.Met(zh.Rate)));
    }

    [Fact]
    public void Targets_DetectionGroup_MetAtTheFloor()
    {
        var target = FunctionalSuite.Targets.Single(t => t.ExpectAct);

        Assert.True(target.Met(0.85));
        Assert.False(target.Met(0.84));
    }

    [Theory]
    [InlineData(0.9, 0.6, null, "hate")]
    [InlineData(0.9, 0.3, null, "toxicity")]
    [InlineData(0.2, 0.1, null, "none")]
    [InlineData(0.9, 0.6, 0.7, "threat")]
    [InlineData(0.4, 0.1, 0.5, "threat")]
    public void TopCategory_CalibratedScores_SpecificBeforeUmbrellaAtTheFlagScore(double toxicity, double hate, double? threat, string expected)
    {
        var scores = new Dictionary<string, double> { ["toxicity"] = toxicity, ["hate"] = hate };
        if (threat is { } t) scores["threat"] = t;

        Assert.Equal(expected, FunctionalEvaluation.TopCategory(scores));
    }

    [Fact]
    public void Score_ScoresOfOtherDetectorsAndRules_NotRanked()
    {
        var outcome = Assert.Single(FunctionalEvaluation.Score([Case("identity-neutral", "allow")], t => Fake(t, new Dictionary<string, double> { ["pii"] = 1, ["toxicity"] = 0.2 }), Categories));

        Assert.Equal("none", outcome.TopCategory);
        Assert.Equal(["toxicity"], outcome.ScoredCategories);
    }

    [Fact]
    public void Categories_CategoryNoVerdictScores_NotMeasuredButAssignedListed()
    {
        FunctionalCase[] cases = [Case("threat-direct", "block 1", "threat"), Case("dehumanising", "flag 2", "hate"), Case("dehumanising", "allow 3", "hate")];
        var scores = new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["block 1"] = new Dictionary<string, double> { ["toxicity"] = 0.9, ["hate"] = 0.1 },
            ["flag 2"] = new Dictionary<string, double> { ["toxicity"] = 0.4, ["hate"] = 0.6 },
            ["allow 3"] = new Dictionary<string, double> { ["toxicity"] = 0.1, ["hate"] = 0.1 },
        };

        var rows = FunctionalEvaluation.Categories(FunctionalEvaluation.Score(cases, t => Fake(t, scores[t]), Categories));

        var hate = rows.Single(r => r.Category == "hate");
        Assert.Equal(0.5, hate.Matched);
        Assert.Equal([("hate", 1), ("none", 1)], hate.Assigned);
        var threat = rows.Single(r => r.Category == "threat");
        Assert.Null(threat.Matched);
        Assert.Equal([("toxicity", 1)], threat.Assigned);
    }

    [Fact]
    public void Categories_ScoredOnFewerThanHalfTheLanguagesCases_NotMeasured()
    {
        // One Chinese case with an English line carries the English hate score; three do not: Chinese is not scored for hate.
        FunctionalCase[] cases = [.. Enumerable.Range(0, 4).Select(i => Case("dehumanising", $"block {i}", "hate", "zh"))];
        var withHate = new Dictionary<string, double> { ["toxicity"] = 0.9, ["hate"] = 0.9 };
        var toxicityOnly = new Dictionary<string, double> { ["toxicity"] = 0.9 };

        var rows = FunctionalEvaluation.Categories(FunctionalEvaluation.Score(cases, t => Fake(t, t == "block 0" ? withHate : toxicityOnly), Categories));

        var hate = Assert.Single(rows);
        Assert.Null(hate.Matched);
        Assert.Equal([("toxicity", 3), ("hate", 1)], hate.Assigned);
    }

    [Fact]
    public void Run_FakeCheck_PrintsEachLanguagesTables()
    {
        var output = new StringWriter();

        FunctionalEvaluation.Run([Case("threat-direct", "block", "threat"), Case("violent-benign", "allow 2", language: "zh")], t => Fake(t), Categories, output);

        var text = output.ToString();
        Assert.Contains("functional suite, en:", text);
        Assert.Contains("| threat-direct | act | 1 | 1.000 | 0.000 | 1.000 | 0 |", text);
        Assert.Contains("| threat | 1 | — (no threat score) | none 1 |", text);
        Assert.Contains("functional suite, zh:", text);
        Assert.Contains("| identity, violent-benign and profanity-only: false-positive rate | 1 | 0.000 | ≤ 0.05 | yes |", text);
    }

    [Fact]
    public void Run_ShippedDetectorRulesAndDefaultPolicy_CountsWhatThePolicyDoes()
    {
        var models = ToxicityModels.Load(ShippedModelTests.ModelsDir());
        // Every shipped detector, so every shipped rule loads (the suite then keeps only the toxicity rules).
        var attacks = new AttackDetector(AttackModel.Load(ShippedModelTests.ModelsDir()), new AttackOptions());
        var detectors = new DetectorRegistry([.. DefaultDetectors.All(), new ToxicityDetector(models, new ToxicityOptions()), attacks]);
        var rules = RuleLoader.Load(Path.Combine(Path.GetDirectoryName(ShippedModelTests.ModelsDir())!, "rules"), detectors.Names);
        Assert.True(rules.Success, string.Join("\n", rules.Errors));
        var checker = new ExchangeChecker(FunctionalEvaluation.Engine(rules.RuleSet!, rules.Policies["default"], detectors), TimeProvider.System);
        // The first two are shipped toxicity rule tests: an insult the default policy flags, and prose it leaves alone. The
        // third is redacted by pii.ipv4 under the default policy, which is not the toxicity check acting.
        FunctionalCase[] cases =
        [
            Case("obfuscated", "You are a complete idiot and everyone hates you.", "insult"), Case("identity-neutral", "Paris is the capital of France and sits on the Seine."),
            Case("code-identifiers", "Point the replica at 10.0.0.5 and restart it."),
        ];

        var outcomes = FunctionalEvaluation.Run(cases, checker.CheckText, detectors.TryGet("toxicity", out var d) ? ((IClassifier)d).Categories : [], TextWriter.Null);

        Assert.Equal([Decision.Flag, Decision.Allow, Decision.Allow], outcomes.Select(o => o.Decision));
        Assert.All(FunctionalEvaluation.Rows(outcomes), r => Assert.Equal(1.0, r.Accuracy));
        Assert.Equal(["hate", "insult", "profanity", "threat", "toxicity"], outcomes[1].ScoredCategories.Order());
    }

    [Fact]
    public void Engine_ShippedRulesDefaultPolicy_ToxicityRulesOnlyWithTheirActions()
    {
        var root = Path.GetDirectoryName(ShippedModelTests.ModelsDir())!;
        var rules = RuleLoader.Load(Path.Combine(root, "rules"), [.. DefaultDetectors.Create().Names, "toxicity", "attack"]);
        Assert.True(rules.Success, string.Join("\n", rules.Errors));

        var engine = FunctionalEvaluation.Engine(rules.RuleSet!, rules.Policies["default"], DefaultDetectors.Create());

        Assert.Equal(
            [
                "toxicity.hate-answer flag", "toxicity.hate-prompt flag", "toxicity.insult-answer flag", "toxicity.insult-prompt flag",
                "toxicity.profanity-answer allow", "toxicity.profanity-prompt allow", "toxicity.threat-answer block", "toxicity.threat-prompt block",
                "toxicity.toxic-answer allow", "toxicity.toxic-prompt allow",
            ],
            engine.ActiveRules.Select(r => $"{r.Rule.Id} {r.Action.ToWire()}").Order());
        Assert.Equal($"default@{rules.RuleSet!.Hash}", engine.PolicyVersion);
    }
}
