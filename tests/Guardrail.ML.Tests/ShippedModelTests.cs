using Guardrail.ML.Runtime;

namespace Guardrail.ML.Tests;

public class ShippedModelTests
{
    private static readonly Lazy<ToxicityModels> Models = new(() => ToxicityModels.Load(ModelsDir()));

    [Fact]
    public void Load_ShippedModels_AllLanguagesAndVersion()
    {
        var m = Models.Value;
        Assert.StartsWith("toxicity@2026-11-28+", m.Version);
        Assert.Contains("en", m.Languages);
        Assert.Contains("zh", m.Languages);
        Assert.True(m.LoadTime < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Score_ObviousEnglishInsult_FarAboveBenign()
    {
        var toxic = Models.Value.Score("You are a stupid fucking idiot, shut up", "en");
        var benign = Models.Value.Score("Thanks for the help, the meeting is moved to Tuesday afternoon.", "en");

        Assert.True(toxic["toxicity"]!.Exceeds);
        Assert.False(benign["toxicity"]!.Exceeds);
        Assert.True(toxic["toxicity"]!.Probability - benign["toxicity"]!.Probability > 0.4);
        Assert.NotNull(benign["hate"]);
    }

    [Fact]
    public void Score_ObviousChineseInsult_FarAboveBenign()
    {
        var toxic = Models.Value.Score("你这个傻逼，黑鬼都滚出去", "zh");
        var benign = Models.Value.Score("今天天气很好，我们一起去公园散步吧。", "zh");

        Assert.Equal("zh", toxic.Language);
        Assert.True(toxic["toxicity"]!.Probability - benign["toxicity"]!.Probability > 0.4);
        Assert.True(toxic["toxicity"]!.Exceeds);
        Assert.False(benign["toxicity"]!.Exceeds);
    }

    [Fact]
    public void Score_AutoLanguage_PicksChineseByScript()
    {
        Assert.Equal("zh", Models.Value.Score("今天天气很好", null).Language);
        Assert.Equal("en", Models.Value.Score("the weather is nice", "auto").Language);
    }

    [Fact]
    public void Score_Contributions_NameTheOffendingNgram()
    {
        var s = Models.Value.Score("have a nice day you idiot", "en", topContributions: 3)["toxicity"]!;
        var ngrams = s.Contributions.SelectMany(c => c.Ngrams).ToList();

        Assert.NotEmpty(s.Contributions);
        Assert.Contains(ngrams, n => n.Contains("idiot") || n.Contains("idi") || n.Contains("iot"));
        Assert.True(s.Contributions.Zip(s.Contributions.Skip(1)).All(p => p.First.Contribution >= p.Second.Contribution));
    }

    [Fact]
    public void Score_ManyThreads_SameResultAsSingle()
    {
        const string text = "you people are disgusting animals";
        var expected = Models.Value.Score(text, "en", 0)["toxicity"]!.Probability;
        var results = new float[64];
        Parallel.For(0, results.Length, i => results[i] = Models.Value.Score(text, "en", 0)["toxicity"]!.Probability);
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Manifest_BlockThreshold_AtLeastFlagThreshold()
    {
        foreach (var m in Models.Value.Manifest.Models)
        {
            Assert.InRange(m.BlockThreshold, m.Threshold, 1f);
        }
        var s = Models.Value.Score("hello there", "en", 0)["toxicity"]!;
        Assert.Equal(Models.Value.Manifest.Models.Single(m => m.Name == "toxicity-en").BlockThreshold, s.BlockThreshold);
    }

    [Theory]
    [InlineData("Paris is the capital of France.")]
    [InlineData("We will shoot a photo of the team at noon.")]
    [InlineData("The model is a die-cast replica of a 1960s sports car.")]
    public void Score_PlainAssistantProse_NotFlagged(string text)
    {
        Assert.All(Models.Value.Score(text, "en", 0).Categories, c => Assert.False(c.Exceeds, $"{c.Category} {c.Probability:F2}"));
    }

    // The detector scores through ScoreSentence (local slots, unsorted); evaluation and training through Score. Both must agree.
    [Theory]
    [InlineData("You are a complete idiot and everyone knows it.", "en")]
    [InlineData("The bridge opened in 1937 and carries six lanes of traffic across the bay every day.", "en")]
    [InlineData("他妈的你这个蠢货，滚出去", "zh")]
    public void ScoreSentence_WholeSentence_SameAsScore(string text, string language)
    {
        var prepared = ToxicityText.Prepare(text);
        var direct = Models.Value.ScoreSentence(prepared, language, [])[0];
        var scored = Models.Value.Score(text, language, 0);
        Assert.Equal(scored.Categories.Select(c => c.Category), direct.Categories.Select(c => c.Category));
        Assert.All(scored.Categories, c => Assert.True(Math.Abs(c.Probability - direct[c.Category]!.Probability) < 1e-4, $"{c.Category}: {c.Probability} vs {direct[c.Category]!.Probability}"));
    }

    internal static string ModelsDir() => Path.Combine(RepoRoot(), "models");

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Guardrail.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root");
    }
}
