using Guardrail.Rules;
using Guardrail.Rules.Conditions;

namespace Guardrail.Core.Tests.Rules.Conditions;

public class CompositeConditionTests
{
    private static readonly KeywordsCondition Alpha = new(["alpha"]);
    private static readonly KeywordsCondition Beta = new(["beta"]);

    private static ConditionResult Eval(IRuleCondition c, string text) => c.Evaluate(ConditionTestContext.For(text));

    [Fact]
    public void Any_OneChildMatches_MatchesWithUnion()
    {
        Assert.Single(Eval(new AnyCondition([Alpha, Beta]), "alpha only").Matches);
        Assert.Equal(2, Eval(new AnyCondition([Alpha, Beta]), "alpha beta").Matches.Count);
        Assert.False(Eval(new AnyCondition([Alpha, Beta]), "gamma").Matched);
    }

    [Fact]
    public void All_EveryChildMatches_MatchesWithConcatenation()
    {
        Assert.Equal(2, Eval(new AllCondition([Alpha, Beta]), "beta alpha").Matches.Count);
        Assert.False(Eval(new AllCondition([Alpha, Beta]), "alpha only").Matched);
    }

    [Fact]
    public void Not_ChildDoesNotMatch_MatchesWholeText()
    {
        var m = Assert.Single(Eval(new NotCondition(Alpha), "gamma").Matches);
        Assert.Equal((null, 1.0), (m.Span, m.Score));
        Assert.False(Eval(new NotCondition(Alpha), "alpha").Matched);
    }

    [Fact]
    public void Parse_NestedComposites_BuildsTree()
    {
        const string when = "{ all: [ { keywords: [alpha] }, { not: { regex: \"beta\" } }, { any: [ { pii: email }, { keywords: [secret] } ] } ] }";
        var parsed = Guardrail.Rules.Loading.RuleLoader.Parse(RuleYaml.Valid(when: when), "r.yaml", ["pii"]);

        Assert.True(parsed.Success, string.Join("\n", parsed.Errors));
        Assert.True(Eval(parsed.Rule!.When, "alpha secret").Matched);
        Assert.False(Eval(parsed.Rule.When, "alpha beta secret").Matched);
        Assert.Equal(["pii"], parsed.Rule.When.Detectors);
    }
}
