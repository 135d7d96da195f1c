using Guardrail.Detection;
using Guardrail.ML.Detection;
using Guardrail.ML.Runtime;
using Guardrail.ML.Training;

namespace Guardrail.ML.Tests;

/// <summary>The shipped category models (insult, hate, threat, profanity and the toxicity umbrella, English and Chinese).</summary>
public class CategoryModelTests
{
    private static readonly Lazy<ToxicityModels> Models = new(() => ToxicityModels.Load(ShippedModelTests.ModelsDir()));

    [Fact]
    public void Load_ShippedModels_EveryCategoryInBothLanguages()
    {
        foreach (var language in new[] { "en", "zh" })
        {
            var scored = Models.Value.Score(language == "en" ? "hello there" : "你好", language, 0);
            Assert.Equal(ModelSpec.Categories, scored.Categories.Select(c => c.Category));
        }
    }

    [Theory]
    [InlineData("insult", "en", "You are a worthless idiot and nobody likes you.")]
    [InlineData("hate", "en", "Immigrants are vermin and should be sent back.")]
    [InlineData("threat", "en", "I will find where you live and I will kill you.")]
    [InlineData("profanity", "en", "Holy shit, what a fucking game!")]
    [InlineData("insult", "zh", "你就是个废物，脑残。")]
    [InlineData("hate", "zh", "黑人都是垃圾，滚出中国。")]
    [InlineData("threat", "zh", "我知道你住哪，小心我弄死你。")]
    [InlineData("profanity", "zh", "卧槽，这游戏太难了。")]
    public void Score_ObviousExample_OwnCategoryAboveFlag(string category, string language, string text)
    {
        var score = Models.Value.Score(text, language, 0)[category]!;

        Assert.True(score.Exceeds, $"{category}-{language} {score.Probability:F2} < {score.Threshold:F2}");
    }

    [Theory]
    [InlineData("en", "Holy shit, what a game!")]
    [InlineData("en", "This fucking printer jammed again.")]
    [InlineData("en", "Kill the process and restart the service.")]
    [InlineData("en", "My neighbours are Muslims and they are lovely people.")]
    [InlineData("zh", "卧槽，这游戏太难了。")]
    [InlineData("zh", "先杀死进程再重启服务。")]
    public void Score_ProfanityOrViolentWordsAimedAtNoOne_NoActingCategoryAboveFlag(string language, string text)
    {
        var score = Models.Value.Score(text, language, 0);

        foreach (var category in new[] { "insult", "hate", "threat" })
        {
            Assert.False(score[category]!.Exceeds, $"{category}-{language} {score[category]!.Probability:F2}");
        }
    }

    [Theory]
    [InlineData("threat", "I will find where you live and I will kill you.", "kill")]
    [InlineData("hate", "Immigrants are vermin and should be sent back.", "vermin")]
    [InlineData("insult", "You are a worthless idiot and nobody likes you.", "idiot")]
    public void Detect_Finding_WithheldExplanationQuotesNoWord(string category, string text, string word)
    {
        var detector = new ToxicityDetector(Models.Value, new ToxicityOptions());

        var signal = detector.Detect(new TextTarget("response.choices[0].message", Direction.Response, "assistant", text)).Single(s => s.Kind == category);

        Assert.True(signal.Score >= ToxicityDetector.FlagScore);
        Assert.Contains("most weight from", signal.Explanation, StringComparison.Ordinal);
        Assert.NotNull(signal.WithheldExplanation);
        Assert.DoesNotContain(word, signal.WithheldExplanation, StringComparison.OrdinalIgnoreCase);
        var withheld = signal.WithheldExplanation!.Split([' ', '.', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', ',')).Where(w => w.Length > 3),
            w => Assert.DoesNotContain(w, withheld));
    }
}
