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

    [Theory]
    [InlineData("SSN ٠٧٨\u2013٠٥\u2013١١٢٠ here", "٠٧٨\u2013٠٥\u2013١١٢٠")]    // Arabic-Indic digits, en dashes
    [InlineData("pass\u200Bword: x", "pass\u200Bword")]                            // zero-width space inside
    [InlineData("раssword: x", "раssword")]                                        // Cyrillic р and а
    public void Evaluate_EvasiveText_MatchesOnFoldedTextWithOriginalSpan(string text, string expected)
    {
        Assert.True(RegexCondition.TryCreate(@"\b(?:[0-9]{3}-[0-9]{2}-[0-9]{4}|password)\b", ignoreCase: true, out var condition, out _));
        var m = Assert.Single(condition!.Evaluate(ConditionTestContext.For(text)).Matches);

        Assert.Equal(expected, text[m.Span!.Value.Start..m.Span.Value.End]);
    }

    [Fact]
    public void Evaluate_PatternForInvisibleCharacters_StillSeesTheOriginal()
    {
        Assert.True(RegexCondition.TryCreate("[\u200B-\u200D]", ignoreCase: true, out var condition, out _));
        Assert.Equal([new TextSpan(2, 3)], condition!.Evaluate(ConditionTestContext.For("ab\u200Bcd")).Matches.Select(m => m.Span!.Value));
    }

    [Fact]
    public void Evaluate_SameMatchOnBothForms_ReportedOnce()
    {
        Assert.True(RegexCondition.TryCreate("secret", ignoreCase: true, out var condition, out _));
        var matches = condition!.Evaluate(ConditionTestContext.For("the secret ｓｅｃｒｅｔ café")).Matches;

        Assert.Equal([new TextSpan(4, 10), new TextSpan(11, 17)], matches.Select(m => m.Span!.Value));
    }
}
