using Guardrail.Detection;
using Guardrail.Rules;
using Guardrail.Rules.Loading;
using Guardrail.Rules.Testing;

namespace Guardrail.Core.Tests.Rules.Testing;

public class RuleTestRunnerTests
{
    private static RuleSet Load(params (string File, string Yaml)[] files)
    {
        using var dir = new TempRulesFolder();
        foreach (var (file, yaml) in files) dir.Write(file, yaml);
        var result = RuleLoader.Load(dir.Path, ["pii"]);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return result.RuleSet!;
    }

    [Fact]
    public void Run_PassingRule_ReportsEveryCasePassed()
    {
        var rules = Load(("pii/email.yaml", RuleYaml.Email));

        var results = RuleTestRunner.Run(rules, new DetectorRegistry([FakeDetector.Emails()]));

        Assert.Equal(
        [
            new RuleTestResult("pii.email", "pii/email.yaml", 9, "Write to jane.doe@example.com", RuleExpectation.Match, RuleExpectation.Match, true),
            new RuleTestResult("pii.email", "pii/email.yaml", 10, "The @ sign", RuleExpectation.NoMatch, RuleExpectation.NoMatch, true),
        ], results);
    }

    [Fact]
    public void Run_DetectorBelowThreshold_ReportsFailedMatchCase()
    {
        var rules = Load(("pii/email.yaml", RuleYaml.Email));

        var results = RuleTestRunner.Run(rules, new DetectorRegistry([FakeDetector.Emails(score: 0.2)]));

        Assert.Equal([false, true], results.Select(r => r.Passed));
        Assert.Equal(RuleExpectation.NoMatch, results[0].Actual);
    }

    [Fact]
    public void Run_RequestRule_EvaluatesRequestTargets()
    {
        var seen = new List<Direction>();
        var detector = new FakeDetector("pii", t => { seen.Add(t.Direction); return []; });
        var rules = Load(("r.yaml", RuleYaml.Valid(when: "{ pii: email }").Replace("action: block", "action: block\ndirection: request")));

        RuleTestRunner.Run(rules, new DetectorRegistry([detector]));

        Assert.Equal([Direction.Request, Direction.Request], seen);
    }

    [Fact]
    public void Run_CaseWithSources_AttachedToAnswerTargetWithCitationsRequired()
    {
        const string yaml = """
            id: grounding.uncited-claim
            description: Uncited claims.
            direction: response
            when: { detector: grounding, kind: uncited-claim }
            action: flag
            tests:
              - text: "The Golden Gate Bridge opened to traffic in 1937."
                expect: match
                sources: [{ id: "1", text: "The Golden Gate Bridge opened to traffic in 1937." }]
              - { text: "The Golden Gate Bridge opened to traffic in 1937.", expect: no-match }

            """;
        using var dir = new TempRulesFolder();
        dir.Write("grounding/uncited-claim.yaml", yaml);
        var load = RuleLoader.Load(dir.Path, ["grounding"]);
        Assert.True(load.Success, string.Join("\n", load.Errors));

        var results = RuleTestRunner.Run(load.RuleSet!, DefaultDetectors.Create());

        Assert.Equal([(RuleExpectation.Match, true), (RuleExpectation.NoMatch, true)], results.Select(r => (r.Actual, r.Passed)));
        Assert.True(RuleTestRunner.TestGrounding.RequireCitations);
    }

    [Fact]
    public void Format_MixedResults_WritesOneLinePerCaseAndClosingLine()
    {
        var results = new[]
        {
            new RuleTestResult("pii.email", "pii/email.yaml", 9, "Write to jane.doe@example.com", RuleExpectation.Match, RuleExpectation.Match, true),
            new RuleTestResult("pii.email", "pii/email.yaml", 10, "A \"quoted\"\nline that is far too long to show in full here", RuleExpectation.NoMatch, RuleExpectation.Match, false),
        };
        var output = new StringWriter { NewLine = "\n" };

        var failed = RuleTestReport.Format(results, output);

        Assert.Equal(1, failed);
        Assert.Equal(
            "PASS pii.email pii/email.yaml:9 \"Write to jane.doe@example.com\"\n" +
            "FAIL pii.email pii/email.yaml:10 \"A \\\"quoted\\\"\\nline that is far too long to …\" expected no-match, got match\n" +
            "1 passed, 1 failed\n",
            output.ToString());
    }

    [Fact]
    public void Format_NoResults_WritesZeroCounts()
    {
        var output = new StringWriter();
        RuleTestReport.Format([], output);
        Assert.Equal("0 passed, 0 failed", output.ToString().Trim());
    }
}
