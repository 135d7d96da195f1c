using Guardrail.Rules.Loading;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Revising;

public class ReviseRuleTests
{
    private static string Rule(string direction) => $$"""
        id: test.revise
        description: Revised answers.
        direction: {{direction}}
        when: { keywords: [grumble] }
        action: revise
        tests:
          - { text: "grumble", expect: match }
          - { text: "fine", expect: no-match }
        """;

    [Fact]
    public void Parse_ActionRevise_BlocksAndRevises()
    {
        var result = RuleLoader.Parse(Rule("response"), "test/revise.yaml", ["pii"]);

        Assert.Empty(result.Errors);
        Assert.Equal((Decision.Block, true), (result.Rule!.Action, result.Rule.Revise));
    }

    [Fact]
    public void Parse_ReviseOnPrompts_ErrorSaysAnswersOnly()
    {
        var result = RuleLoader.Parse(Rule("request"), "test/revise.yaml", ["pii"]);

        Assert.Contains(result.Errors, e => e.Message.Contains("action revise applies to answers", StringComparison.Ordinal));
    }
}
