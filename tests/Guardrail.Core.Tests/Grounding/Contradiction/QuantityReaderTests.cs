using Guardrail.Grounding.Contradiction;

namespace Guardrail.Core.Tests.Grounding.Contradiction;

public sealed class QuantityReaderTests
{
    [Theory]
    [InlineData("It opened on May 27, 1937.", "It opened on 27 May 1937.")]
    [InlineData("It opened on 1937-05-27.", "金门大桥于1937年5月27日通车。")]
    [InlineData("Its main span is 1,280 metres long.", "Its main span measures 1280 m.")]
    [InlineData("The trail is 3.5 km long.", "The trail is 3,500 meters long.")]
    [InlineData("The fund raised $3 million.", "The fund raised $3,000,000.")]
    [InlineData("每天服用20毫克。", "The dose is 20 mg.")]
    [InlineData("It opened in 1937.", "It opened on May 27, 1937.")]
    public void Read_SameValueWrittenTwoWays_Agree(string a, string b)
    {
        var (x, y) = (Assert.Single(QuantityReader.Read(a)), Assert.Single(QuantityReader.Read(b)));

        Assert.True(x.Agrees(y), $"{x} vs {y}");
    }

    [Theory]
    [InlineData("The usual dose is 20 mg.", "The usual dose is 200 mg.")]
    [InlineData("It opened on May 27, 1937.", "It opened on May 28, 1937.")]
    [InlineData("The fund raised $3 million.", "The fund raised $3 billion.")]
    [InlineData("Turnout was 45%.", "Turnout was 54 percent.")]
    [InlineData("大桥于1937年5月通车。", "大桥于1937年6月通车。")]
    [InlineData("Its main span is 1,280 metres long.", "Its main span is 1,281 metres long.")]
    [InlineData("The line has 2,015 stations.", "The line has 2,016 stations.")]
    public void Read_DifferentValues_SameFamilyButDisagree(string a, string b)
    {
        var (x, y) = (Assert.Single(QuantityReader.Read(a)), Assert.Single(QuantityReader.Read(b)));

        Assert.True(x.SameFamily(y));
        Assert.False(x.Agrees(y), $"{x} vs {y}");
    }

    [Fact]
    public void Read_DoseAndYear_DifferentFamilies()
    {
        var q = QuantityReader.Read("In 2019 the dose was cut to 20 mg.");

        Assert.Equal([QuantityKind.Year, QuantityKind.Mass], q.Select(x => x.Kind));
        Assert.False(q[0].SameFamily(q[1]));
    }

    [Theory]
    [InlineData("The Airbus A380 and COVID-19 are names, not quantities.")]
    [InlineData("Version v2 shipped; see section 4b.")]
    [InlineData("")]
    public void Read_DigitsInsideNames_NoQuantities(string text)
    {
        Assert.Empty(QuantityReader.Read(text));
    }

    [Fact]
    public void Read_FiveMoreUnits_CountNotMetres()
    {
        var q = Assert.Single(QuantityReader.Read("They built 5 more stations."));

        Assert.Equal(QuantityKind.Number, q.Kind);
        Assert.Equal(5m, q.Value);
    }
}

public sealed class QuantityRangeTests
{
    [Theory]
    [InlineData("Mayor from 1903–1911.", "He was mayor in 1907.")]
    [InlineData("The recommended dose is 5-10 mg a day.", "A dose of 8 mg is usual.")]
    [InlineData("The margin should be between 17% and 32%.", "The margin will be between 20% and 30%.")]
    [InlineData("推荐剂量为5至10毫克。", "每次8毫克。")]
    public void Read_ValueInsideRange_Agrees(string range, string value)
    {
        var (r, v) = (Assert.Single(QuantityReader.Read(range)), Assert.Single(QuantityReader.Read(value)));

        Assert.NotNull(r.High);
        Assert.True(v.Agrees(r) && r.Agrees(v));
    }

    [Theory]
    [InlineData("Mayor from 1903–1911.", "He was mayor in 1915.")]
    [InlineData("The recommended dose is 5-10 mg a day.", "A dose of 12 mg is usual.")]
    public void Read_ValueOutsideRange_Disagrees(string range, string value)
    {
        Assert.False(Assert.Single(QuantityReader.Read(value)).Agrees(Assert.Single(QuantityReader.Read(range))));
    }
}

public sealed class QuantityDateTests
{
    [Fact]
    public void Read_IsoDateInsideChineseText_OneDateAgreeingWithChineseDate()
    {
        var iso = Assert.Single(QuantityReader.Read("嫦娥五号探测器于2020-11-24发射升空。"));

        Assert.Equal(QuantityKind.Date, iso.Kind);
        Assert.True(iso.Agrees(Assert.Single(QuantityReader.Read("探测器在2020年11月24日发射。"))));
    }
}

public sealed class QuantityWordsTests
{
    [Theory]
    [InlineData("The line has twelve stations.", "The line has 12 stations.")]
    [InlineData("The trail is forty-two kilometres long.", "The trail is 42 km long.")]
    [InlineData("The hall seats three hundred people.", "The hall seats 300 people.")]
    [InlineData("大桥全长两千米。", "The bridge is 2,000 metres long.")]
    [InlineData("共有三十五名队员。", "There are 35 players.")]
    [InlineData("约百分之二十的受访者表示同意。", "About 20% agreed.")]
    [InlineData("该线路全长二十八点五公里。", "The line is 28.5 km long.")]
    [InlineData("人均收入为一万一千五百三十九元。", "Income was 11,539 yuan.")]
    [InlineData("将释放约一万亿元资金。", "将释放约1万亿元资金。")]
    [InlineData("风力可达十四级。", "风力可达14级。")]
    [InlineData("共有两千名志愿者。", "共有2000名志愿者。")]
    public void Read_NumberInWords_AgreesWithDigits(string words, string digits)
    {
        Assert.True(Assert.Single(QuantityReader.Read(words)).Agrees(Assert.Single(QuantityReader.Read(digits))));
    }

    [Theory]
    [InlineData("No one came, and one of them left.")]
    [InlineData("我们一起统一了十分重要的意见。")]
    [InlineData("一起来看看这一点。")]
    [InlineData("其中一部分人表示同意。")]
    public void Read_NumberWordsInOrdinaryWords_NoQuantities(string text)
    {
        Assert.Empty(QuantityReader.Read(text));
    }

    [Fact]
    public void Read_FourDigitsBeforeACountingWord_CountNotYear()
    {
        Assert.Equal(QuantityKind.Number, Assert.Single(QuantityReader.Read("共有2000名志愿者。")).Kind);
        Assert.Equal(QuantityKind.Year, Assert.Single(QuantityReader.Read("他在2000年毕业。")).Kind);
    }

    [Fact]
    public void ChineseNumerals_CountedNumerals_CanonicalDigitsWithSpans()
    {
        const string text = "全长二十八点五公里，共设车站二十一座，约五万二千名乘客。";

        var numerals = QuantityReader.ChineseNumerals(text).ToList();

        Assert.Equal(["28.5", "21", "52000"], numerals.Select(n => n.Number));
        Assert.Equal("二十一", text[numerals[1].Start..numerals[1].End]);
    }
}
