using Guardrail.Rules.Conditions;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Rules.Conditions;

public class KeywordsConditionTests
{
    private static IReadOnlyList<TextSpan> Spans(KeywordsCondition c, string text) =>
        c.Evaluate(ConditionTestContext.For(text)).Matches.Select(m => m.Span!.Value).ToList();

    [Fact]
    public void Evaluate_WholeWord_MatchesWithOriginalSpan()
    {
        Assert.Equal([new TextSpan(4, 10)], Spans(new KeywordsCondition(["secret"]), "The Secret."));
    }

    [Fact]
    public void Evaluate_KeywordInsideLongerWord_DoesNotMatch()
    {
        Assert.Empty(Spans(new KeywordsCondition(["secret"]), "The secretary and 2secret and secrets."));
    }

    [Fact]
    public void Evaluate_FullWidthLetters_FoldedToMatch()
    {
        Assert.Equal([new TextSpan(2, 8)], Spans(new KeywordsCondition(["secret"]), "a ＳＥＣＲＥＴ b"));
    }

    [Fact]
    public void Evaluate_ZeroWidthCharacters_IgnoredAndSpanCoversThem()
    {
        Assert.Equal([new TextSpan(0, 8)], Spans(new KeywordsCondition(["secret"]), "se\u200Bcr\u200Det!"));
    }

    [Fact]
    public void Evaluate_FullWidthKeyword_FoldedAtLoad()
    {
        Assert.Equal([new TextSpan(0, 6)], Spans(new KeywordsCondition(["ｓｅｃｒｅｔ"]), "secret"));
    }

    [Fact]
    public void Evaluate_CjkKeyword_MatchesAsSubstring()
    {
        Assert.Equal([new TextSpan(2, 4)], Spans(new KeywordsCondition(["密码"]), "我的密码是123"));
    }

    [Fact]
    public void Evaluate_IgnoreCaseFalse_RequiresSameCase()
    {
        var condition = new KeywordsCondition(["Secret"], ignoreCase: false);
        Assert.Empty(Spans(condition, "the secret"));
        Assert.Equal([new TextSpan(4, 10)], Spans(condition, "the Secret"));
    }

    [Fact]
    public void Evaluate_Match_ExplainsKeyword()
    {
        var m = Assert.Single(new KeywordsCondition(["secret"]).Evaluate(ConditionTestContext.For("secret")).Matches);
        Assert.Equal((1.0, 1.0, "Matched keyword \"secret\""), (m.Score, m.Threshold, m.Explanation));
    }

    [Theory]
    [InlineData("you 1d10t", 4, 9)]
    [InlineData("i.d.i.o.t", 0, 9)]
    [InlineData("an i d i o t!", 3, 12)]
    public void Evaluate_ObfuscatedKeyword_MatchesWithOriginalSpan(string text, int start, int end)
    {
        Assert.Equal([new TextSpan(start, end)], Spans(new KeywordsCondition(["idiot"]), text));
    }

    [Fact]
    public void Evaluate_StretchedLetters_CollapseToTwoNotOne()
    {
        // Runs shrink to two letters, not one, so "good" and "feel" survive; a stretched word then needs
        // its doubled form as a keyword.
        Assert.Empty(Spans(new KeywordsCondition(["idiot"]), "IDIOOOOT"));
        Assert.Equal([new TextSpan(0, 8)], Spans(new KeywordsCondition(["idioot"]), "IDIOOOOT"));
    }

    [Fact]
    public void Evaluate_ChineseKeywordAgainstPinyinAbbreviation_MatchesAbbreviation()
    {
        Assert.Equal([new TextSpan(2, 4)], Spans(new KeywordsCondition(["傻逼"]), "你个sb"));
    }

    [Fact]
    public void Evaluate_AbbreviationKeyword_FoldedAsChineseSlang()
    {
        // A rule that lists "sb" means the insult, so it also matches the characters it abbreviates.
        var condition = new KeywordsCondition(["sb"]);
        Assert.Equal([new TextSpan(2, 4)], Spans(condition, "你个sb"));
        Assert.Equal([new TextSpan(2, 4)], Spans(condition, "你个傻逼"));
    }

    [Fact]
    public void Evaluate_MaskedKeyword_MatchesOtherMaskings()
    {
        Assert.Equal([new TextSpan(4, 8)], Spans(new KeywordsCondition(["f*ck"]), "oh, f#ck."));
    }

    [Fact]
    public void Evaluate_CaseSensitiveKeyword_MatchesAsWrittenOnly()
    {
        var condition = new KeywordsCondition(["Idiot"], ignoreCase: false);
        Assert.Empty(Spans(condition, "you 1d10t"));
        Assert.Equal([new TextSpan(4, 9)], Spans(condition, "you Idiot"));
    }

    [Fact]
    public void Evaluate_CyrillicLookAlikes_FoldedToMatch()
    {
        Assert.Equal([new TextSpan(4, 10)], Spans(new KeywordsCondition(["secret"]), "the ѕесrеt key"));
    }

    [Fact]
    public void Evaluate_IgnoreCaseFalseWithLookAlikes_ComparesFoldedCase()
    {
        var condition = new KeywordsCondition(["Secret"], ignoreCase: false);
        Assert.Equal([new TextSpan(4, 10)], Spans(condition, "the Ѕeсret"));   // Cyrillic capital Ѕ is a capital S
        Assert.Empty(Spans(condition, "the ѕeсret"));
    }

    [Fact]
    public void Evaluate_RussianKeyword_MatchesRussianText()
    {
        Assert.Equal([new TextSpan(3, 8)], Spans(new KeywordsCondition(["идиот"]), "ты идиот"));
    }
}
