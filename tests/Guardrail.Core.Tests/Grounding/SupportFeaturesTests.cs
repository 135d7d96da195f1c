using Guardrail.Grounding;

namespace Guardrail.Core.Tests.Grounding;

public sealed class SupportFeaturesTests
{
    private static int Index(string name) => SupportFeatures.Names.ToList().IndexOf(name);

    [Theory]
    [InlineData("这座体育场能够容纳8万名观众。", "这座体育场可容纳八万名观众，是全省最大的体育场。")]
    [InlineData("该应用的月活跃用户已达到150,000,000人。", "该应用的月活跃用户已达到1.5亿人。")]
    [InlineData("Its main span is 1.28 km long.", "Its main span is 1,280 metres long.")]
    public void Compute_NumberWrittenAnotherWay_NotMissing(string claim, string source)
    {
        var f = SupportFeatures.Compute(claim, source);

        Assert.Equal(0f, f[Index("numbers_missing_share")]);
        Assert.Equal(0f, f[Index("numbers_missing_log")]);
    }

    [Theory]
    [InlineData("The crane was invented in 1904.", "The crane was developed between 1900–1910 by several firms.")]
    [InlineData("The stadium holds 80,001 people.", "The stadium holds 80,000 people.")]
    [InlineData("这座体育场能够容纳9万名观众。", "这座体育场可容纳八万名观众。")]
    public void Compute_NumberTheSourceDoesNotState_Missing(string claim, string source)
    {
        var f = SupportFeatures.Compute(claim, source);

        Assert.Equal(1f, f[Index("numbers_missing_share")]);
    }

    [Fact]
    public void Analyze_ChineseFunctionCharacters_AreNotTermsButStayBigrams()
    {
        var a = AnalyzedText.Analyze("公司去年的净利润翻了一番", sentences: false);

        Assert.Contains("利润", a.TermSet);
        Assert.DoesNotContain("年的", a.TermSet);
        Assert.DoesNotContain("的净", a.TermSet);
        Assert.Contains("年 的", a.Bigrams);
        Assert.Contains("净利润", a.CharTrigrams);
    }

    [Fact]
    public void Compute_ChineseRestatement_LongestRunCountsCharacterChains()
    {
        var f = SupportFeatures.Compute("景区去年全年共接待游客1050万人次。", "据统计，景区去年全年共接待游客1050万人次，同比增长12%。");

        Assert.True(f[Index("longest_run_share")] > 0.5f, $"longest run {f[Index("longest_run_share")]}");
        Assert.True(f[Index("bigram_recall")] > 0.9f);
    }

    [Theory]
    [InlineData("The museum is situated near the harbour.", "The museum is located near the harbour.")]
    [InlineData("Pupils experienced harsh treatment.", "Students experienced harsh treatment.")]
    public void Compute_SynonymForTheSourcesWord_NothingMissing(string claim, string source)
    {
        var f = SupportFeatures.Compute(claim, source);

        Assert.Equal(1f, f[Index("content_recall")]);
    }

    [Fact]
    public void Analyze_ChineseSynonymBigram_FoldedToOneTerm()
    {
        Assert.Contains("制动", AnalyzedText.Analyze("车辆的刹车系统存在隐患。", sentences: false).TermSet);
    }

    [Fact]
    public void Compute_WordWithAnotherSense_NotFolded()
    {
        // "run" (operate) and "run" (tours run) stay one word; "operated" is not folded into it.
        var f = SupportFeatures.Compute("The observatory is run by the university.", "The observatory is operated by the university.");

        Assert.True(f[Index("content_recall")] < 1f);
    }
}
