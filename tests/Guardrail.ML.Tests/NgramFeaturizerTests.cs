using Guardrail.ML;
using Guardrail.ML.Features;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Tests;

public class NgramFeaturizerTests
{
    private static readonly FeatureSettings Settings = new() { HashBits = 18 };

    [Fact]
    public void Featurize_SameTextTwice_SameSortedUnitVector()
    {
        var f = new NgramFeaturizer(Settings);
        var a = new SparseFeatures();
        var b = new SparseFeatures();
        f.Featurize(ToxicityText.Prepare("You are a Terrible person, you know"), a);
        f.Featurize(ToxicityText.Prepare("You are a Terrible person, you know"), b);

        Assert.Equal(a.Indices.ToArray(), b.Indices.ToArray());
        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
        Assert.True(a.Indices.ToArray().SequenceEqual(a.Indices.ToArray().Order()));
        Assert.Equal(a.Indices.Length, a.Indices.ToArray().Distinct().Count());
        Assert.Equal(1.0, Math.Sqrt(a.Values.ToArray().Sum(v => (double)v * v)), 4);
    }

    [Fact]
    public void Featurize_KnownText_StableAcrossProcesses()
    {
        // The hash is part of the shipped models: a changed index here means every model must be retrained.
        var f = new NgramFeaturizer(Settings);
        var x = new SparseFeatures();
        f.Featurize("idiot", x);
        var map = f.Explain("idiot", x.Indices.ToArray());
        // "idiot" is both a word and an inner 5-gram of "<idiot>"; the word lives in the lower half.
        var wordIndex = map.Single(kv => kv.Value.Contains("idiot") && kv.Key < Settings.Dimensions / 2).Key;
        Assert.True(wordIndex < Settings.Dimensions / 2);
        Assert.Equal(wordIndex, StableIndexOf("idiot"));
    }

    [Fact]
    public void Explain_FeatureIndices_MapBackToWordBigramAndCharNgrams()
    {
        var f = new NgramFeaturizer(Settings);
        var x = new SparseFeatures();
        const string text = "shut up idiot";
        f.Featurize(text, x);
        var all = f.Explain(text, x.Indices.ToArray()).Values.SelectMany(v => v).ToHashSet();

        Assert.Contains("idiot", all);
        Assert.Contains("shut up", all);
        Assert.Contains("<id", all);
        Assert.Contains("iot>", all);
        Assert.DoesNotContain("up idiot shut", all);
    }

    [Fact]
    public void Explain_WordNgramMax3_AddsTrigramsOnlyWhenAsked()
    {
        const string text = "shut up you idiot";
        var x = new SparseFeatures();
        var tri = new NgramFeaturizer(Settings with { WordNgramMax = 3 });
        tri.Featurize(text, x);
        var withTri = tri.Explain(text, x.Indices.ToArray()).Values.SelectMany(v => v).ToHashSet();
        var bi = new NgramFeaturizer(Settings);
        bi.Featurize(text, x);
        var withoutTri = bi.Explain(text, x.Indices.ToArray()).Values.SelectMany(v => v).ToHashSet();

        Assert.Contains("shut up you", withTri);
        Assert.Contains("up you idiot", withTri);
        Assert.Contains("shut up", withTri);
        Assert.DoesNotContain("shut up you", withoutTri);
        Assert.Contains("you idiot", withoutTri);
    }

    [Fact]
    public void Featurize_Chinese_UsesCharacterNgrams()
    {
        var f = new NgramFeaturizer(Settings);
        var x = new SparseFeatures();
        f.Featurize("你是垃圾", x);
        var all = f.Explain("你是垃圾", x.Indices.ToArray()).Values.SelectMany(v => v).ToHashSet();

        Assert.Contains("垃圾", all);
        Assert.Contains("垃", all);
        Assert.DoesNotContain("你是垃圾", all.Where(n => !n.StartsWith('<')));
    }

    [Fact]
    public void Featurize_EmptyText_NoFeatures()
    {
        var x = new SparseFeatures();
        new NgramFeaturizer(Settings).Featurize("  ...  ", x);
        Assert.Equal(0, x.Count);
    }

    private static int StableIndexOf(string word)
    {
        // Recomputed independently of the featurizer: FNV-1a over the chars, Murmur3 finaliser, low half of the space.
        var h = 2166136261u ^ 0x9e3779b9;
        foreach (var c in word) h = (h ^ c) * 16777619u;
        h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16;
        return (int)(h & (uint)(Settings.Dimensions / 2 - 1));
    }

    [Theory]
    [InlineData("The quarterly report covers revenue, costs and the outlook for next year, and it was reviewed by the board before the meeting, but honestly you are a worthless idiot and everyone knows it.")]
    [InlineData("Mixed words, with numbers 1937 and don't-stop hyphens; then a second clause follows here and keeps going for a while longer, repeated words words words.")]
    public void SentenceFeaturizer_SentenceAndWindows_SameFeaturesAsFeaturizingAlone(string text)
    {
        var prepared = ToxicityText.Prepare(text);
        var windows = SentenceWindows.Windows(prepared, 8, 4);
        Assert.NotEmpty(windows);
        var sentence = new SentenceFeaturizer(Settings);
        var fresh = new NgramFeaturizer(Settings);
        AssertSame(Fresh(fresh, prepared), Local(sentence, prepared, null));
        foreach (var range in windows) AssertSame(Fresh(fresh, prepared[range]), Local(sentence, prepared, range));
    }

    [Fact]
    public void SentenceFeaturizer_WindowCuttingCjkRun_SubsetOfTheWindowAlone()
    {
        var prepared = ToxicityText.Prepare("我们今天讨论了项目的进度，也安排了下周的会议和测试计划，但是你这个蠢货根本不配参加，滚出去吧好吗");
        var windows = SentenceWindows.Windows(prepared, 8, 4);
        Assert.NotEmpty(windows);
        var sentence = new SentenceFeaturizer(Settings);
        var fresh = new NgramFeaturizer(Settings);
        foreach (var range in windows)
        {
            var local = Local(sentence, prepared, range).Keys;
            var alone = Fresh(fresh, prepared[range]).Keys.ToHashSet();
            Assert.NotEmpty(local);
            Assert.All(local, i => Assert.Contains(i, alone));
        }
    }

    private static Dictionary<int, float> Fresh(NgramFeaturizer f, string text)
    {
        var x = new SparseFeatures();
        f.Featurize(text, x);
        return Enumerable.Range(0, x.Count).ToDictionary(i => x.Indices[i], i => x.Values[i]);
    }

    private static Dictionary<int, float> Local(SentenceFeaturizer f, string sentence, Range? window)
    {
        var x = new SparseFeatures();
        f.Featurize(sentence, x);
        if (window is not { } r) return Enumerable.Range(0, x.Count).ToDictionary(i => x.Indices[i], i => x.Values[i]);
        f.FeaturizeWindow(r, x);
        var slots = f.SlotIndices.ToArray();
        return Enumerable.Range(0, x.Count).ToDictionary(i => slots[x.Indices[i]], i => x.Values[i]);
    }

    private static void AssertSame(Dictionary<int, float> expected, Dictionary<int, float> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, e => Assert.True(Math.Abs(e.Value - actual[e.Key]) < 1e-5, $"{e.Key}: {e.Value} vs {actual[e.Key]}"));
    }
}
