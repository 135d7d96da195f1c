using Guardrail.ML.Evaluation;

namespace Guardrail.ML.Tests.Grounding;

public class CitationMetricsTests
{
    [Fact]
    public void Measure_HandMadeCase_PerRulePrecisionAndRecall()
    {
        // Four sentences: supported, unsupported, misattributed, fabricated.
        const string answer = "A is true [1]. B is true [1]. C is true [1]. D is true [9].";
        var c = new CitationCase("x", answer, [("1", "A is true."), ("2", "C is true.")],
        [
            new(0, 14, CitationOutcome.Supported, "t"),
            new(15, 29, CitationOutcome.UnsupportedClaim, "t"),
            new(30, 44, CitationOutcome.MisattributedCitation, "t"),
            new(45, 59, CitationOutcome.FabricatedCitation, "t"),
        ]);
        // The checker finds the unsupported one, calls the misattributed one unsupported, flags the supported one
        // (twice: counts once), finds the fabricated one, and reports one finding outside every sentence.
        IReadOnlyList<(string, int, int)> Check(string text, IReadOnlyList<(string Id, string Text)> sources) =>
        [
            ("grounding.unsupported-claim", 15, 28),
            ("grounding.unsupported-claim", 30, 44),
            ("grounding.unsupported-claim", 0, 5),
            ("grounding.unsupported-claim", 2, 6),
            ("grounding.fabricated-citation", 45, 59),
            ("grounding.fabricated-citation", 100, 101),
            ("some.other-rule", 0, 59),
        ];

        var report = CitationMetrics.Measure([c], Check);

        var unsupported = report.Findings.Single(f => f.Rule == "grounding.unsupported-claim");
        Assert.Equal((1, 3, 1), (unsupported.Expected, unsupported.Flagged, unsupported.TruePositives));
        Assert.Equal(1 / 3.0, unsupported.Precision, 6);
        Assert.Equal(1.0, unsupported.Recall, 6);
        var misattributed = report.Findings.Single(f => f.Rule == "grounding.misattributed-citation");
        Assert.Equal((1, 0, 0), (misattributed.Expected, misattributed.Flagged, misattributed.TruePositives));
        Assert.Equal(1.0, misattributed.Precision, 6);
        Assert.Equal(0.0, misattributed.Recall, 6);
        var fabricated = report.Findings.Single(f => f.Rule == "grounding.fabricated-citation");
        Assert.Equal((1, 2, 1), (fabricated.Expected, fabricated.Flagged, fabricated.TruePositives));
        Assert.Equal(0.5, fabricated.Precision, 6);
        Assert.Equal((1, 1), (report.SupportedSentences, report.SupportedFlagged));
        Assert.Equal((1, 4), (report.Cases, report.Sentences));
    }

    [Fact]
    public void Check_ShippedChecker_FindsFabricatedAndMisattributed()
    {
        var model = Guardrail.ML.Runtime.SupportModel.Load(ShippedModelTests.ModelsDir());
        var sources = new List<(string, string)>
        {
            ("1", "The Eiffel Tower was completed in 1889 in Paris and is 330 metres tall."),
            ("2", "The Colosseum in Rome was finished under Emperor Titus in 80 AD."),
        };
        const string answer = "The Eiffel Tower was completed in 1889 [1]. The Colosseum was finished under Emperor Titus in 80 AD [1]. It has 12 gates [7].";

        var findings = GroundingCitationCheck.Create(model)(answer, sources);

        Assert.DoesNotContain(findings, f => f.Start == 0);
        Assert.Contains(findings, f => f.Rule == "grounding.misattributed-citation" && answer[f.Start..f.End].StartsWith("The Colosseum", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Rule == "grounding.fabricated-citation" && answer[f.Start..f.End].StartsWith("It has 12 gates", StringComparison.Ordinal));
    }
}
