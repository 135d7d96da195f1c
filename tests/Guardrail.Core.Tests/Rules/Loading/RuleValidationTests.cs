using Guardrail.Rules.Loading;

namespace Guardrail.Core.Tests.Rules.Loading;

public class RuleValidationTests
{
    private static readonly string[] Known = ["pii", "injection"];

    private static IReadOnlyList<string> Errors(string yaml) =>
        RuleLoader.Parse(yaml, "r.yaml", Known).Errors.Select(e => e.ToString()).ToList();

    private static string Replace(string line, string with) => RuleYaml.Valid().Replace(line, with);

    public static TheoryData<string, string> Cases => new()
    {
        { Replace("id: test.rule\n", ""), "r.yaml:1:1: missing required key 'id'" },
        { Replace("description:", "descripton:"), "r.yaml:2:1: unknown key 'descripton'; did you mean 'description'?" },
        { Replace("action: block", "action: block\ndirection: out"), "r.yaml:5:12: invalid direction 'out'; expected one of: request, response, both" },
        { Replace("action: block", "action: deny"), "r.yaml:4:9: invalid action 'deny'; expected one of: allow, flag, redact, block" },
        { Replace("expect: no-match", "expect: yes"), "r.yaml:7:37: invalid expect 'yes'; expected one of: match, no-match" },
        { Replace("id: test.rule", "id: Test.Rule"), "r.yaml:1:5: invalid id 'Test.Rule'; use lowercase dotted segments of a-z, 0-9 and '-', e.g. pii.email" },
        { RuleYaml.Valid(when: "{ above: 0.5 }"), "r.yaml:3:7: condition has no kind key; expected one of: pii, detector, classifier, regex, keywords, any, all, not" },
        { RuleYaml.Valid(when: "{ regex: \"a\", keywords: [b] }"), "r.yaml:3:21: condition has several kind keys (regex, keywords); combine conditions with any/all" },
        { RuleYaml.Valid(when: "{ regexp: \"a\" }"), "r.yaml:3:9: unknown condition kind 'regexp'; did you mean 'regex'?" },
        { RuleYaml.Valid(when: "{ regex: \"a(b\" }"), "r.yaml:3:16: regex does not compile: " },
        { RuleYaml.Valid(when: "{ detector: toxicity }"), "r.yaml:3:19: unknown detector 'toxicity' (known: injection, pii)" },
        { RuleYaml.Valid(when: "{ detector: pi }"), "r.yaml:3:19: unknown detector 'pi' (known: injection, pii); did you mean 'pii'?" },
        { RuleYaml.Valid(when: "{ pii: email, above: 1.5 }"), "r.yaml:3:28: threshold 1.5 is outside [0, 1]" },
        { RuleYaml.Valid(when: "{ pii: email, above: high }"), "r.yaml:3:28: 'above' must be a number between 0 and 1, not 'high'" },
        { RuleYaml.Valid(action: "redact"), "r.yaml:4:9: action redact needs a 'mask' (e.g. mask: \"[EMAIL]\")" },
        { Replace("  - { text: \"nothing here\", expect: no-match }\n", ""), "r.yaml:5:1: tests need at least one case with expect: no-match" },
        { Replace("  - { text: \"the secret is out\", expect: match }\n", ""), "r.yaml:5:1: tests need at least one case with expect: match" },
        { Replace("\"nothing here\"", "\"\""), "r.yaml:7:13: test text is empty" },
        { RuleYaml.Valid() + "---\nid: other\n", "r.yaml:9:1: file has 2 YAML documents; put one rule per file" },
        { Replace("description: A test rule.", "id: again"), "r.yaml:2:1: YAML syntax error: " },
        { Replace("id: test.rule", "id: 'test.rule"), "r.yaml:1:5: YAML syntax error: " },
        { RuleYaml.Valid(when: "email"), "r.yaml:3:7: a condition must be a mapping" },
        { RuleYaml.Valid(when: "{ regex: \"a\", above: 0.5 }"), "r.yaml:3:21: 'above' does not apply to a regex condition" },
        { RuleYaml.Valid(when: "{ regex: \"a\", ignorecase: false }"), "r.yaml:3:21: unknown key 'ignorecase' in regex condition; did you mean 'ignoreCase'?" },
        { RuleYaml.Valid(when: "{ classifier: pii }"), "r.yaml:3:9: a classifier condition needs 'category'" },
        { RuleYaml.Valid(when: "{ any: [] }"), "r.yaml:3:14: 'any' needs a non-empty list of conditions" },
        { RuleYaml.Valid(when: "{ keywords: [\"\u200B\"] }"), "r.yaml:3:20: keyword is empty after folding" },
        { "", "r.yaml:1:1: file is empty; expected one rule" },
        { "- id: x\n", "r.yaml:1:1: a rule file must be a mapping" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_InvalidRule_ReportsErrorAtNode(string yaml, string expected)
    {
        var errors = Errors(yaml);
        Assert.True(errors.Any(e => e.StartsWith(expected, StringComparison.Ordinal)),
            $"expected '{expected}', got:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsEveryErrorInOrder()
    {
        const string yaml = """
            id: Bad_Id
            descripton: typo
            direction: sideways
            when: { regex: "(" }
            action: redact
            tests:
              - { text: "", expect: maybe }

            """;

        var errors = Errors(yaml);

        Assert.Equal(
        [
            "r.yaml:1:1: missing required key 'description'",
            "r.yaml:1:5: invalid id 'Bad_Id'; use lowercase dotted segments of a-z, 0-9 and '-', e.g. pii.email",
            "r.yaml:2:1: unknown key 'descripton'; did you mean 'description'?",
            "r.yaml:3:12: invalid direction 'sideways'; expected one of: request, response, both",
        ], errors.Take(4));
        Assert.Contains(errors, e => e.StartsWith("r.yaml:4:16: regex does not compile", StringComparison.Ordinal));
        Assert.Contains("r.yaml:5:9: action redact needs a 'mask' (e.g. mask: \"[EMAIL]\")", errors);
        Assert.Contains("r.yaml:6:1: tests need at least one case with expect: match", errors);
        Assert.Contains("r.yaml:6:1: tests need at least one case with expect: no-match", errors);
        Assert.Contains("r.yaml:7:13: test text is empty", errors);
        Assert.Contains("r.yaml:7:25: invalid expect 'maybe'; expected one of: match, no-match", errors);
        Assert.Equal(10, errors.Count);
    }

    [Fact]
    public void Parse_ValidRule_FillsDefaultsAndTests()
    {
        var result = RuleLoader.Parse(RuleYaml.Valid(), "x/r.yaml", Known);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var rule = result.Rule!;
        Assert.Equal(("test", Guardrail.Rules.RuleDirection.Both, Guardrail.Verdicts.Decision.Block, "x/r.yaml"),
            (rule.Category, rule.Direction, rule.Action, rule.SourceFile));
        Assert.Equal([(6, Guardrail.Rules.RuleExpectation.Match), (7, Guardrail.Rules.RuleExpectation.NoMatch)],
            rule.Tests.Select(t => (t.Line, t.Expect)));
    }

    [Fact]
    public void Parse_EmailRule_ReadsEveryField()
    {
        var rule = RuleLoader.Parse(RuleYaml.Email, "pii/email.yaml", Known).Rule!;

        Assert.Equal(("pii.email", "Email addresses.", "pii", Guardrail.Rules.RuleDirection.Response, "[EMAIL]", "An e-mail address was removed."),
            (rule.Id, rule.Description, rule.Category, rule.Direction, rule.Mask, rule.Message));
    }
}
