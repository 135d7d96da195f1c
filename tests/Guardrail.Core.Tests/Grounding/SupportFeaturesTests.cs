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

    [Theory]
    [InlineData("赵州桥由隋朝工匠李春主持设计和建造。", 1f)]
    [InlineData("The bridge was built in 605 by Li Chun.", 0f)]
    [InlineData("iPhone 15 于2023年9月发布。", 0.5f)]
    public void Compute_Script_HanShareIsTheShareOfHanTokens(string claim, float atLeast)
    {
        var f = SupportFeatures.Compute(claim, "某个来源。");

        Assert.Equal(SupportFeatures.HanShareIndex, Index("han_share"));
        Assert.InRange(f[SupportFeatures.HanShareIndex], atLeast, atLeast == 0f ? 0f : 1f);
    }

    [Theory]
    [InlineData("这名17岁小将夺冠。", "这名十七岁的小将夺冠。")]
    [InlineData("比赛共有约52,000名观众。", "比赛共有约五万二千名观众。")]
    [InlineData("该线路全长28.5公里。", "该线路全长二十八点五公里。")]
    [InlineData("人均可支配收入为11,539元。", "人均可支配收入为一万一千五百三十九元。")]
    [InlineData("此次降准将释放约一万亿元资金。", "此次调整将释放资金约1万亿元。")]
    [InlineData("共有2000名志愿者提供服务。", "共有两千名志愿者提供服务。")]
    public void Compute_ChineseNumeralAgainstDigits_NumberFoundNotMissing(string claim, string source)
    {
        var c = AnalyzedText.Analyze(claim, sentences: false);
        var f = SupportFeatures.Compute(claim, source);

        Assert.Equal(0f, f[Index("numbers_missing_share")]);
        var numbers = c.Numbers.Where(n => n.Any(char.IsDigit)).ToList();
        Assert.NotEmpty(numbers);
        var alignment = SupportFeatures.Compute(c, AnalyzedText.Analyze(source), new float[SupportFeatures.Count]);
        Assert.DoesNotContain(alignment.Missing, numbers.Contains);
    }

    [Fact]
    public void Compute_ChineseNumeralOfAnotherValue_Missing()
    {
        var f = SupportFeatures.Compute("共有3000名志愿者提供服务。", "共有两千名志愿者提供服务。");

        Assert.Equal(1f, f[Index("numbers_missing_share")]);
    }
}
