using Guardrail.Grounding;
using Guardrail.ML.Features;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Tests.Grounding;

public class SupportModelTests
{
    private static readonly Lazy<SupportModel> Shipped = new(() => SupportModel.Load(ShippedModelTests.ModelsDir()));

    private const string Source = "The Eiffel Tower was completed in 1889 in Paris. It was designed by the company of Gustave Eiffel and is 330 metres tall.";

    [Fact]
    public void Load_ShippedModel_VersionThresholdAndFeatures()
    {
        var m = Shipped.Value;

        Assert.StartsWith("grounding@2026-12-04+", m.Version);
        Assert.InRange(m.Threshold, 0.01f, 0.99f);
        Assert.All(m.Manifest.Features, f => Assert.Contains(f, SupportFeatures.Names));
    }

    [Fact]
    public void Score_ObviouslySupportedPair_AboveUnsupportedAndAroundThreshold()
    {
        var m = Shipped.Value;

        var supported = m.Score(SupportFeatures.Compute("The Eiffel Tower was completed in 1889.", Source));
        var unsupported = m.Score(SupportFeatures.Compute("The Colosseum in Rome was finished by Emperor Titus in 80 AD.", Source));

        Assert.True(supported - unsupported > 0.3, $"{supported} vs {unsupported}");
        Assert.True(supported >= m.Threshold);
        Assert.True(unsupported < m.Threshold);
    }

    [Fact]
    public void Score_AnalyzedTexts_SameAsFeatureVector()
    {
        var m = Shipped.Value;
        var claim = "It is 330 metres tall.";

        var viaTexts = m.Score(AnalyzedText.Analyze(claim, sentences: false), AnalyzedText.Analyze(Source));

        Assert.Equal(m.Score(SupportFeatures.Compute(claim, Source)), viaTexts);
    }

    [Fact]
    public void Score_ShortVector_ThrowsArgumentException()
    {
        var core = SupportFeatures.Compute("a claim", Source)[..15];

        Assert.Throws<ArgumentException>(() => Shipped.Value.Score(core));
    }

    [Fact]
    public void Calibrate_Threshold_MapsToHalfAndKeepsOrder()
    {
        var t = Shipped.Value.Threshold;

        Assert.Equal(0.5f, CalibratedSupportScorer.Calibrate(t, t), 5);
        Assert.Equal(0f, CalibratedSupportScorer.Calibrate(0f, t));
        Assert.Equal(1f, CalibratedSupportScorer.Calibrate(1f, t));
        Assert.True(CalibratedSupportScorer.Calibrate(t - 0.01f, t) < 0.5f);
        Assert.True(CalibratedSupportScorer.Calibrate(t + 0.01f, t) > 0.5f);
    }

    [Fact]
    public void TryLoad_MissingFolder_FalseWithOneLineNamingTheManifest()
    {
        var dir = Path.Combine(Path.GetTempPath(), "no-such-models-" + Guid.NewGuid().ToString("N"));

        Assert.False(SupportModel.TryLoad(dir, out var model, out var error));
        Assert.Null(model);
        Assert.Contains("grounding.json", error);
        Assert.DoesNotContain('\n', error);
        Assert.Equal(error, Assert.Throws<InvalidDataException>(() => SupportModel.Load(dir)).Message);
    }

    [Fact]
    public void TryLoad_CorruptZipOrManifest_FalseWithReason()
    {
        var dir = Directory.CreateTempSubdirectory("grounding-models-").FullName;
        File.Copy(Path.Combine(ShippedModelTests.ModelsDir(), GroundingManifest.FileName), Path.Combine(dir, GroundingManifest.FileName));

        Assert.False(SupportModel.TryLoad(dir, out _, out var missing));
        Assert.Contains("grounding.zip", missing);
        Assert.Contains("not found", missing);

        File.WriteAllText(Path.Combine(dir, "grounding.zip"), "not a zip");
        Assert.False(SupportModel.TryLoad(dir, out _, out var corrupt));
        Assert.Contains("cannot be read", corrupt);

        File.WriteAllText(Path.Combine(dir, GroundingManifest.FileName), "{ not json");
        Assert.False(SupportModel.TryLoad(dir, out _, out var manifest));
        Assert.Contains("not a valid manifest", manifest);
    }

    [Fact]
    public void TryLoad_UnknownFeatureName_FalseSaysRetrain()
    {
        var dir = Directory.CreateTempSubdirectory("grounding-models-").FullName;
        var shipped = GroundingManifest.Load(ShippedModelTests.ModelsDir());
        (shipped with { Features = [.. shipped.Features.Take(shipped.Features.Count - 1), "no_such_feature"] }).Save(dir);

        Assert.False(SupportModel.TryLoad(dir, out _, out var error));
        Assert.Contains("no_such_feature", error);
    }

    [Fact]
    public void TryLoad_ChineseManifestBeside_RoutesChineseClaimsToIt()
    {
        var m = Shipped.Value;
        Assert.NotNull(m.Chinese);

        var chinese = SupportFeatures.Compute("赵州桥由隋朝工匠李春主持设计和建造。", "赵州桥位于河北省赵县，建于隋朝，由工匠李春主持设计建造。");
        var english = SupportFeatures.Compute("It is 330 metres tall.", Source);

        Assert.Same(m.Chinese, m.For(chinese));
        Assert.Same(m, m.For(english));
        Assert.StartsWith("grounding-zh@", m.Chinese!.Version);
        Assert.Equal(m.Version + "," + m.Chinese.Version, new CalibratedSupportScorer(m).Version);
        Assert.Equal(CalibratedSupportScorer.Calibrate(m.Chinese.Score(chinese), m.Chinese.Threshold), new CalibratedSupportScorer(m).Score(chinese));
    }

    [Fact]
    public void TryLoad_NoChineseManifest_MainModelAloneScoresEverything()
    {
        var dir = Directory.CreateTempSubdirectory("grounding-models-").FullName;
        foreach (var f in new[] { GroundingManifest.FileName, "grounding.zip" }) File.Copy(Path.Combine(ShippedModelTests.ModelsDir(), f), Path.Combine(dir, f));

        Assert.True(SupportModel.TryLoad(dir, out var m, out _));
        Assert.Null(m.Chinese);
        var chinese = SupportFeatures.Compute("赵州桥由隋朝工匠李春主持设计和建造。", "赵州桥建于隋朝。");
        Assert.Same(m, m.For(chinese));
        Assert.Equal(m.Version, new CalibratedSupportScorer(m).Version);
    }

    [Fact]
    public void TryLoad_CorruptChineseModel_FalseNamingItsFile()
    {
        var dir = Directory.CreateTempSubdirectory("grounding-models-").FullName;
        foreach (var f in new[] { GroundingManifest.FileName, "grounding.zip", GroundingManifest.ChineseFileName }) File.Copy(Path.Combine(ShippedModelTests.ModelsDir(), f), Path.Combine(dir, f));
        File.WriteAllText(Path.Combine(dir, "grounding-zh.zip"), "not a zip");

        Assert.False(SupportModel.TryLoad(dir, out var model, out var error));
        Assert.Null(model);
        Assert.Contains("grounding-zh.zip", error);
        Assert.Contains("cannot be read", error);
    }

    [Fact]
    public void Score_ChineseRestatementAndUnrelatedClaim_RestatementAboveThresholdUnrelatedBelow()
    {
        var zh = Shipped.Value.Chinese!;
        const string source = "金门大桥在1937年5月27日正式通车。大桥被漆成国际橙色。";

        var restated = zh.Score(SupportFeatures.Compute("金门大桥于1937年5月27日通车。", source));
        var unrelated = zh.Score(SupportFeatures.Compute("金门大桥由埃菲尔设计，用意大利大理石建造。", source));
        var elsewhere = zh.Score(SupportFeatures.Compute("央行宣布下调存款准备金率。", source));

        Assert.True(restated >= zh.Threshold, $"restated {restated} vs {zh.Threshold}");
        Assert.True(unrelated < zh.Threshold, $"unrelated {unrelated} vs {zh.Threshold}");
        Assert.True(elsewhere < unrelated, $"{elsewhere} vs {unrelated}");
    }
}
