using Guardrail.Rules.Conditions;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Rules.Conditions;

public class RegexConditionTests
{
    [Fact]
    public void Evaluate_PatternMatches_ReturnsEachMatchWithFullScore()
    {
        Assert.True(RegexCondition.TryCreate(@"ab+c", ignoreCase: true, out var condition, out _));
        var result = condition!.Evaluate(ConditionTestContext.For("xABC abbc"));

        Assert.Equal([new TextSpan(1, 4), new TextSpan(5, 9)], result.Matches.Select(m => m.Span!.Value));
        Assert.All(result.Matches, m => Assert.Equal((1.0, 1.0, "Matched pattern /ab+c/"), (m.Score, m.Threshold, m.Explanation)));
    }

    [Fact]
    public void Evaluate_CaseSensitive_IgnoresOtherCase()
    {
        Assert.True(RegexCondition.TryCreate("abc", ignoreCase: false, out var condition, out _));
        Assert.False(condition!.Evaluate(ConditionTestContext.For("ABC")).Matched);
    }

    [Fact]
    public void TryCreate_InvalidPattern_ReturnsErrorInsteadOfThrowing()
    {
        Assert.False(RegexCondition.TryCreate("a(b", true, out var condition, out var error));
        Assert.Null(condition);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Evaluate_CatastrophicBacktracking_TimesOutAsNoMatchAndRecordsIt()
    {
        Assert.True(RegexCondition.TryCreate(@"^(a+)+$", true, out var condition, out _));
        var context = ConditionTestContext.For(new string('a', 5000) + "!");

        var result = condition!.Evaluate(context);

        Assert.False(result.Matched);
        Assert.Equal(1, condition.Timeouts);
        Assert.Single(context.ConditionTimeouts);
    }
}
