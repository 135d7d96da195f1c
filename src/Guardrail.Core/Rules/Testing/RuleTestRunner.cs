using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Policies;

namespace Guardrail.Rules.Testing;

/// <summary>Runs every rule's embedded cases; shared by <c>guardrail rules test</c>, lint and the xunit theory.</summary>
public static class RuleTestRunner
{
    /// <summary>Evaluates each case of each rule in <paramref name="rules"/> with the real <paramref name="detectors"/>.</summary>
    public static IReadOnlyList<RuleTestResult> Run(RuleSet rules, DetectorRegistry detectors)
    {
        var results = new List<RuleTestResult>();
        foreach (var rule in rules.Rules)
        {
            // A policy enabling just this rule, so overrides elsewhere cannot change what the case tests.
            var policy = new Policy { Name = "rule-test", Rules = [rule.Id] };
            var engine = new RuleEngine(rules, policy, detectors);
            var direction = rule.Direction == RuleDirection.Request ? Direction.Request : Direction.Response;
            foreach (var test in rule.Tests)
            {
                var matched = engine.Matches(rule, new TextTarget("test", direction, null, test.Text) { Sources = SourcesOf(test) });
                var actual = matched ? RuleExpectation.Match : RuleExpectation.NoMatch;
                results.Add(new RuleTestResult(rule.Id, rule.SourceFile ?? "", test.Line, test.Text, test.Expect, actual, actual == test.Expect));
            }
        }
        return results;
    }

    /// <summary>
    /// Settings a case's sources are checked with: the defaults, but citations required, so a rule on uncited claims
    /// can be tested like any other (rules on other kinds ignore that signal).
    /// </summary>
    public static SourceOptions TestGrounding { get; } = SourceOptions.Default with { RequireCitations = true };

    private static SourceSet? SourcesOf(RuleTestCase test) =>
        test.Sources is { } list ? new SourceSet(list) { Options = TestGrounding } : null;
}
