using Guardrail.ML.Evaluation;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Tests.Evaluation;

public sealed class GroundingSuiteTests
{
    private static readonly Lazy<IReadOnlyList<GroundingCase>> Shipped = new(() => GroundingSuite.Load(SuiteDir()));

    private static readonly Lazy<SupportModel> Model = new(() => SupportModel.Load(ShippedModelTests.ModelsDir()));

    private static string SuiteDir() => Path.Combine(Path.GetDirectoryName(ShippedModelTests.ModelsDir())!, GroundingSuite.RepositoryFolder);

    [Fact]
    public void Load_ShippedSuite_EveryKindHasTwentyCasesPerLanguage()
    {
        foreach (var language in new[] { "en", "zh" })
        {
            foreach (var kind in GroundingSuite.Kinds)
            {
                var n = Shipped.Value.Count(c => c.Language == language && c.Kind == kind);
                Assert.True(n >= 20, $"{language} {kind}: {n} cases, need 20");
            }
        }
    }

    [Fact]
    public void Load_ShippedSuite_IdsNamedAfterLanguageAndKind()
    {
        Assert.All(Shipped.Value, c => Assert.StartsWith($"{c.Language}-{c.Kind}-", c.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ContradictedCaseWithoutSourceSide_ThrowsNamingLine()
    {
        var dir = Write("""{"id":"en-date-swap-01","kind":"date-swap","answer":"It opened in 1938 [1].","sources":[{"id":"1","text":"It opened in 1937."}],"expect":"contradicted","answerSays":"1938"}""");

        var e = Assert.Throws<FormatException>(() => GroundingSuite.Load(dir));

        Assert.Contains("en.jsonl:1: a contradicted case names answerSays and sourceSays", e.Message);
    }

    [Fact]
    public void Load_SourceSideNotInAnySource_Throws()
    {
        var dir = Write("""{"id":"en-date-swap-01","kind":"date-swap","answer":"It opened in 1938 [1].","sources":[{"id":"1","text":"It opened in 1937."}],"expect":"contradicted","answerSays":"1938","sourceSays":"1936"}""");

        Assert.Contains("sourceSays '1936' is in no source", Assert.Throws<FormatException>(() => GroundingSuite.Load(dir)).Message);
    }

    [Fact]
    public void Load_DuplicateIdAndUnknownOutcome_BothReported()
    {
        var line = """{"id":"en-paraphrase-01","kind":"paraphrase","answer":"A [1].","sources":[{"id":"1","text":"A."}],"expect":"supported"}""";
        var dir = Write(line, line, line.Replace("supported", "maybe", StringComparison.Ordinal).Replace("-01", "-02", StringComparison.Ordinal));

        var e = Assert.Throws<FormatException>(() => GroundingSuite.Load(dir));

        Assert.Contains("en.jsonl:2: duplicate id 'en-paraphrase-01'", e.Message);
        Assert.Contains("en.jsonl:3: unknown outcome 'maybe'", e.Message);
    }

    [Fact]
    public void Run_SupportedSwappedAndFabricated_OutcomesReadOffTheChecker()
    {
        var source = new[] { ("1", "The Golden Gate Bridge opened to traffic in 1937. It is painted International Orange.") };
        var cases = new[]
        {
            new GroundingCase("en-paraphrase-01", "en", "paraphrase", "The Golden Gate Bridge opened to traffic in 1937 [1].", source, "supported", null, null),
            new GroundingCase("en-date-swap-01", "en", "date-swap", "The Golden Gate Bridge opened to traffic in 1952 [1].", source, "contradicted", "1952", "1937"),
            new GroundingCase("en-source-ids-01", "en", "source-ids", "The Golden Gate Bridge opened to traffic in 1937 [4].", source, "fabricated", null, null),
        };

        var results = GroundingSuiteEvaluation.Run(cases, Model.Value);

        Assert.Equal("supported", results[0].Predicted);
        Assert.True(results[0].Correct);
        // Today a wrong year is an unsupported claim: caught, but not reported as a contradiction.
        Assert.NotEqual("supported", results[1].Predicted);
        Assert.True(results[1].Caught);
        Assert.Equal(results[1].Predicted == "contradicted", results[1].Correct);
        Assert.Equal("fabricated", results[2].Predicted);
    }

    [Fact]
    public void Format_TwoLanguages_OneTablePerLanguageWithTheFalsePositiveLine()
    {
        var source = new[] { ("1", "Water boils at 100 degrees Celsius at sea level.") };
        var results = new[]
        {
            new GroundingSuiteResult(new GroundingCase("en-paraphrase-01", "en", "paraphrase", "Water boils at 100 degrees [1].", source, "supported", null, null), "unsupported", false),
            new GroundingSuiteResult(new GroundingCase("zh-paraphrase-01", "zh", "paraphrase", "水在海平面100度沸腾[1]。", source, "supported", null, null), "supported", false),
        };

        var text = GroundingSuiteEvaluation.Format(results);

        Assert.Contains("grounding functional suite, en:", text);
        Assert.Contains("grounding functional suite, zh:", text);
        Assert.Contains("| paraphrase | 1 | supported 1 | 0.000 | 0.000 | — | unsupported 1 |", text);
        Assert.Contains("supported cited sentences with a finding (en): 1 of 1 = 1.000", text);
        Assert.Contains("supported cited sentences with a finding (zh): 0 of 1 = 0.000", text);
    }

    private static string Write(params string[] lines)
    {
        var dir = Directory.CreateTempSubdirectory("grounding-suite-").FullName;
        File.WriteAllLines(Path.Combine(dir, "en.jsonl"), lines);
        return dir;
    }
}
