using Guardrail.Core.Tests.Text;
using Guardrail.Detection;
using Guardrail.ML.Detection;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Tests.Detection;

/// <summary>
/// The evasion corpus for toxicity: every look-alike class (<see cref="Evasions"/>) applied to toxic sentences, each
/// still scored as English and flagged, with the span on the evasive original sentence.
/// </summary>
public sealed class ToxicityEvasionTests
{
    private static readonly Lazy<ToxicityModels> Models = new(() => ToxicityModels.Load(ShippedModelTests.ModelsDir()));

    private static readonly string[] Toxic = ["You are a stupid fucking idiot", "Shut up you worthless moron"];

    private static IReadOnlyList<Signal> Detect(string text) =>
        new ToxicityDetector(Models.Value, new ToxicityOptions()).Detect(new TextTarget("t", Direction.Response, "assistant", text));

    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>();
        foreach (var sentence in Toxic)
        {
            foreach (var (name, evaded) in Evasions.Apply(sentence)) data.Add(name, evaded);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Detect_EvasiveToxicSentence_FlaggedAsEnglishWithOriginalSpan(string evasion, string text)
    {
        var toxic = Detect(text).Where(s => s.Kind == "toxicity" && !s.IsUnchecked).MaxBy(s => s.Score);

        Assert.NotNull(toxic);
        Assert.True(toxic.Score >= ToxicityDetector.FlagScore, $"{evasion}: \"{text}\" scored {toxic.Score}");
        Assert.Equal("en", toxic.Evidence!["language"]!.GetValue<string>());
        Assert.Equal(text, text[toxic.Span!.Value.Start..toxic.Span.Value.End]);
    }

    [Fact]
    public void Detect_EvasiveSentence_ScoresAsThePlainOne()
    {
        var plain = Detect("You are a stupid fucking idiot").Single(s => s.Kind == "toxicity").Score;
        var evaded = Detect("Yоu аrе а ѕtupіd fuсkіng іdіоt").Single(s => s.Kind == "toxicity").Score;

        Assert.Equal(plain, evaded, 6);
    }

    [Theory]
    [InlineData("Ты полный идиот и все это знают.", "cyrillic")]
    [InlineData("Я купил сор и соль, а он ушёл.", "cyrillic")]
    [InlineData("Ο Κώστας είναι εδώ και ο Νίκος όχι.", "greek")]
    public void Detect_GenuineRussianOrGreek_StillUncheckedNotEnglish(string text, string script)
    {
        var signal = Assert.Single(Detect(text));

        Assert.True(signal.IsUnchecked);
        Assert.Contains(script, signal.Explanation);
    }

    [Theory]
    [InlineData("你这个傻逼，滚出去。")]
    [InlineData("你这个傻\u200B逼，滚出去。")]
    public void Detect_ChineseInsult_StillFlaggedAsChinese(string text)
    {
        var toxic = Assert.Single(Detect(text), s => s.Kind == "toxicity");

        Assert.True(toxic.Score >= ToxicityDetector.FlagScore);
        Assert.Equal("zh", toxic.Evidence!["language"]!.GetValue<string>());
    }
}
