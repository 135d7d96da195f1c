using Guardrail.Detection;
using Guardrail.Grounding;
using static Guardrail.Core.Tests.Grounding.Sources;

namespace Guardrail.Core.Tests.Grounding;

public sealed class GroundingDetectorTests
{
    private static TextTarget Answer(string text, SourceSet? sources, IReadOnlyList<AnswerAnnotation>? annotations = null) =>
        new("response.choices[0].message", Direction.Response, "assistant", text) { Sources = sources, Annotations = annotations };

    [Fact]
    public void Detector_Identity_NameCategoriesAndScorerVersion()
    {
        var detector = new GroundingDetector(FakeScorer.Always(1));

        Assert.Equal(("grounding", "grounding-fake@1"), (detector.Name, detector.Models["grounding"]));
        Assert.Equal(["grounding"], detector.Categories);
        Assert.Equal("grounding-overlap", new GroundingDetector().Models["grounding"]);
    }

    [Fact]
    public void Detect_RequestTarget_NoSignals()
    {
        var target = new TextTarget("request.messages[0]", Direction.Request, "user", "It opened in 1912 [7].") { Sources = Two() };

        Assert.Empty(new GroundingDetector().Detect(target));
    }

    [Fact]
    public void Detect_NoSources_NoSignals()
    {
        Assert.Empty(new GroundingDetector().Detect(Answer("It opened in 1912 [7].", null)));
    }

    [Fact]
    public void Detect_Issues_SignalsWithKindsScoresSpansAndShare()
    {
        const string text = "The Golden Gate Bridge opened to traffic in 1937 [1]. The Eiffel Tower was completed in 1889 [1]. It is 330 metres tall [4].";
        var signals = new GroundingDetector().Detect(Answer(text, Two()));

        Assert.Equal(["misattributed-citation", "fabricated-citation", "grounding"], signals.Select(s => s.Kind));
        var mis = signals[0];
        Assert.Equal("The Eiffel Tower was completed in 1889 [1].", text[mis.Span!.Value.Start..mis.Span.Value.End]);
        var share = signals[^1];
        Assert.Equal(new ScoreShare(1, 3), share.Share);
        Assert.Equal(1.0 / 3, share.Score, 6);
        Assert.Equal("1 of 3 checkable claims are supported by their sources.", share.Explanation);
    }

    [Fact]
    public void Detect_SourceNotes_UncheckedForLimitsNotesOtherwise()
    {
        var sources = new SourceSet([S("1", Bridge)], ["source 2 (x) is empty; ignored", "source 1 cut to 10 characters"])
        {
            Unchecked = ["source 1 cut to 10 characters"],
        };
        var signals = new GroundingDetector().Detect(Answer("The Golden Gate Bridge opened in 1937 [1].", sources));

        Assert.Equal([(Signal.NoteKind, "source 2 (x) is empty; ignored"), (Signal.UncheckedKind, "source 1 cut to 10 characters")],
            signals.Take(2).Select(s => (s.Kind, s.Explanation)));
    }

    [Fact]
    public void Detect_OnlyEmptySources_NotesButNoShare()
    {
        var sources = new SourceSet([], ["source 1 (x) is empty; ignored"]);
        var signals = new GroundingDetector().Detect(Answer("It opened in 1912 [1].", sources));

        Assert.True(Assert.Single(signals).IsNote);
    }

    [Fact]
    public void Detect_UnsupportedLanguage_UncheckedAndEmptyShare()
    {
        var signals = new GroundingDetector().Detect(Answer("Мост Золотые Ворота открылся в 1937 году [1].", Two()));

        Assert.Equal([Signal.UncheckedKind, "grounding"], signals.Select(s => s.Kind));
        Assert.Equal(new ScoreShare(0, 0), signals[1].Share);
    }

    [Fact]
    public void Detect_AnnotationUrlOfNoSource_FabricatedWhenSourcesHaveUrls()
    {
        var sources = Set(S("1", Bridge, "https://nps.gov/b"));
        const string text = "The Golden Gate Bridge opened to traffic in 1937.";
        var signals = new GroundingDetector().Detect(Answer(text, sources, [new AnswerAnnotation("https://made-up.example/x", null, 0, text.Length)]));

        var fabricated = Assert.Single(signals, s => s.Kind == GroundingKinds.FabricatedCitation);
        Assert.Equal("Citation https://made-up.example/x names a URL that none of the supplied sources has.", fabricated.Explanation);
    }

    [Fact]
    public void Detect_AnnotationUrlOfASource_CitesIt()
    {
        var sources = Set(S("1", Bridge, "https://nps.gov/b"), S("2", Tower, "https://example.com/t"));
        const string text = "The Eiffel Tower was completed in 1889 in Paris.";
        var signals = new GroundingDetector().Detect(Answer(text, sources, [new AnswerAnnotation("https://nps.gov/b", null, 0, text.Length)]));

        Assert.Equal(["misattributed-citation", "grounding"], signals.Select(s => s.Kind));
    }
}
