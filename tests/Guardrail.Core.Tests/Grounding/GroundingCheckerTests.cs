using Guardrail.Grounding;
using static Guardrail.Core.Tests.Grounding.Sources;

namespace Guardrail.Core.Tests.Grounding;

public sealed class GroundingCheckerTests
{
    private static readonly OverlapSupportScorer Overlap = new();

    private static GroundingIssue Single(GroundingResult r, string kind) => Assert.Single(r.Issues, i => i.Kind == kind);

    [Fact]
    public void Check_SupportedCitation_NoIssuesFullShare()
    {
        var r = GroundingChecker.Check("The Golden Gate Bridge opened to traffic in 1937 [1].", Two(), Overlap);

        Assert.Empty(r.Issues);
        Assert.Equal(new Guardrail.Detection.ScoreShare(1, 1), r.Share);
        Assert.Equal(ClaimOutcome.Supported, r.Claims.Single().Outcome);
        Assert.Equal("1", r.Claims.Single().SourceId);
    }

    [Fact]
    public void Check_WrongYear_ContradictedNamingBothSidesAndPassage()
    {
        const string answer = "Sure! The Golden Gate Bridge opened in 1912. [1]";
        var r = GroundingChecker.Check(answer, Two(), FakeScorer.NumberAware());

        var issue = Single(r, GroundingKinds.ContradictedClaim);
        Assert.DoesNotContain(r.Issues, i => i.Kind == GroundingKinds.UnsupportedClaim);
        Assert.Equal("The Golden Gate Bridge opened in 1912.", answer[issue.Span.Start..issue.Span.End]);
        Assert.Equal("Source [1] says “1937” where the answer says “1912” (year).", issue.Explanation);
        Assert.Equal("Source [1] states a different year than the answer.", issue.WithheldExplanation);
        Assert.Equal(0.84, issue.Score, 2); // 1 - 0.8 * 0.2
        var e = issue.Evidence;
        Assert.Equal("[1]", e["citation"]!.GetValue<string>());
        Assert.Equal("1", e["source"]!.GetValue<string>());
        Assert.Equal("The Golden Gate Bridge opened to traffic in 1937.", e["passage"]!.GetValue<string>());
        Assert.Equal((0, 49, "utf16"), (e["sourceSpan"]!["start"]!.GetValue<int>(), e["sourceSpan"]!["end"]!.GetValue<int>(), e["sourceSpan"]!["unit"]!.GetValue<string>()));
        var conflict = Assert.Single(e["conflicts"]!.AsArray())!;
        Assert.Equal(("year", "1912", "1937"), (conflict["kind"]!.GetValue<string>(), conflict["answer"]!.GetValue<string>(), conflict["source"]!.GetValue<string>()));
        Assert.Equal(new Guardrail.Detection.ScoreShare(0, 1), r.Share);
        Assert.Equal(ClaimOutcome.Unsupported, r.Claims.Single(c => c.Claim.Checkable).Outcome);
    }

    [Fact]
    public void Check_NumberTheSourceLacks_UnsupportedWithMissingNumberAndPassage()
    {
        // Six lanes is a count; the passage states only a year, so nothing was replaced: unsupported, not contradicted.
        const string answer = "Sure! The Golden Gate Bridge opened to traffic with 6 lanes. [1]";
        var r = GroundingChecker.Check(answer, Two(), FakeScorer.NumberAware());

        var issue = Single(r, GroundingKinds.UnsupportedClaim);
        Assert.DoesNotContain(r.Issues, i => i.Kind == GroundingKinds.ContradictedClaim);
        Assert.Equal("The Golden Gate Bridge opened to traffic in 1937.", issue.Evidence["passage"]!.GetValue<string>());
        Assert.Contains("6", issue.Evidence["missing"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Check_InventedDetails_UnsupportedWithOverlapScorer()
    {
        const string answer = "The Golden Gate Bridge was designed by Gustave Eiffel in Lyon [1].";
        var r = GroundingChecker.Check(answer, Set(S("1", Bridge)), Overlap);

        var issue = Single(r, GroundingKinds.UnsupportedClaim);
        Assert.Equal(answer, answer[issue.Span.Start..issue.Span.End]);
        Assert.Equal("Cited source [1] does not mention Gustave, Eiffel or Lyon.", issue.Explanation);
        Assert.Equal(["designed", "Gustave", "Eiffel", "Lyon"], issue.Evidence["missing"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Check_NegatedClaim_ContradictedNamingTheNegation()
    {
        var scorer = new FakeScorer(f => f[8] > 0 ? 0.1f : f[0]);
        var r = GroundingChecker.Check("The Golden Gate Bridge did not open to traffic in 1937 [1].", Set(S("1", Bridge)), scorer);

        var issue = Single(r, GroundingKinds.ContradictedClaim);
        Assert.Equal("Source [1] says “opened” where the answer says “not open” (negation).", issue.Explanation);
        Assert.Equal(0.9, issue.Score, 3);
    }

    [Fact]
    public void Check_NegatedClaimLooselyRestated_UnsupportedExplainsOpposite()
    {
        // Too little of the claim is in the sentence for the negation alone to be what differs: the support model decides.
        var scorer = new FakeScorer(f => f[8] > 0 ? 0.1f : f[0]);
        var r = GroundingChecker.Check("The Golden Gate Bridge did not open to cars, trucks and buses from Marin County [1].", Set(S("1", Bridge)), scorer);

        var issue = Single(r, GroundingKinds.UnsupportedClaim);
        Assert.StartsWith("Cited source [1]", issue.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OtherSourceSupports_MisattributedReplacesUnsupported()
    {
        const string answer = "The Eiffel Tower was completed in 1889 in Paris [1].";
        var r = GroundingChecker.Check(answer, Two(), Overlap);

        var issue = Single(r, GroundingKinds.MisattributedCitation);
        Assert.DoesNotContain(r.Issues, i => i.Kind == GroundingKinds.UnsupportedClaim);
        Assert.Equal(1.0, issue.Score, 3);
        Assert.Equal("Cited source [1] does not support this sentence (support 0.00); source [2] does (support 1.00).", issue.Explanation);
        Assert.Equal(("[1]", "2", "1", 0.0), (issue.Evidence["citation"]!.GetValue<string>(), issue.Evidence["source"]!.GetValue<string>(),
            issue.Evidence["cited"]!.GetValue<string>(), issue.Evidence["citedSupport"]!.GetValue<double>()));
        Assert.Equal("The Eiffel Tower was completed in 1889 in Paris.", issue.Evidence["passage"]!.GetValue<string>());
        Assert.Equal(ClaimOutcome.Misattributed, r.Claims.Single().Outcome);
        Assert.Equal(new Guardrail.Detection.ScoreShare(0, 1), r.Share);
    }

    [Fact]
    public void Check_MarkerNamesNoSource_FabricatedWithCitationSpan()
    {
        const string answer = "The bridge opened in 1937 [1, 7].";
        var r = GroundingChecker.Check(answer, Two(), Overlap);

        var issue = Single(r, GroundingKinds.FabricatedCitation);
        Assert.Equal(1, issue.Score);
        Assert.Equal(answer, answer[issue.Span.Start..issue.Span.End]);
        Assert.Equal("Citation [1, 7] names source 7, which the request did not supply (sources: 1, 2).", issue.Explanation);
        Assert.Equal("7", issue.Evidence["source"]!.GetValue<string>());
        var cs = issue.Evidence["citationSpan"]!;
        Assert.Equal("[1, 7]", answer[cs["start"]!.GetValue<int>()..cs["end"]!.GetValue<int>()]);
        Assert.Equal(ClaimOutcome.Supported, r.Claims.Single().Outcome); // source 1 still supports it
    }

    [Fact]
    public void Check_OnlyFabricatedCitation_CountsUnsupportedWithoutUnsupportedIssue()
    {
        var r = GroundingChecker.Check("The Golden Gate Bridge opened to traffic in 1937 [9].", Two(), Overlap);

        Assert.Equal([GroundingKinds.FabricatedCitation], r.Issues.Select(i => i.Kind));
        Assert.Equal(ClaimOutcome.Fabricated, r.Claims.Single().Outcome);
        Assert.Equal(new Guardrail.Detection.ScoreShare(0, 1), r.Share);
    }

    [Fact]
    public void Check_UncitedWhenRequired_UncitedWithBestSource()
    {
        var options = SourceOptions.Default with { RequireCitations = true };
        const string answer = "I checked the sources. The Golden Gate Bridge opened to traffic in 1937.";
        var r = GroundingChecker.Check(answer, Two(), Overlap, options);

        var issue = Single(r, GroundingKinds.UncitedClaim);
        Assert.Equal("The Golden Gate Bridge opened to traffic in 1937.", answer[issue.Span.Start..issue.Span.End]);
        Assert.Equal("This sentence cites no source; source [1] supports it (support 1.00).", issue.Explanation);
        Assert.Null(issue.Evidence["citation"]);
        Assert.Equal("1", issue.Evidence["source"]!.GetValue<string>());
        Assert.Equal(ClaimOutcome.UncitedSupported, r.Claims[^1].Outcome);
    }

    [Fact]
    public void Check_UncitedNotRequired_NoIssueButCountedInShare()
    {
        var r = GroundingChecker.Check("The Golden Gate Bridge opened to traffic in 1937. The Moon is made of green cheese.", Two(), Overlap);

        Assert.Empty(r.Issues);
        Assert.Equal(new Guardrail.Detection.ScoreShare(1, 2), r.Share);
        Assert.Equal([ClaimOutcome.UncitedSupported, ClaimOutcome.UncitedUnsupported], r.Claims.Select(c => c.Outcome));
    }

    [Fact]
    public void Check_UncitedSummaryJoiningTwoSources_SupportedByThemTogether()
    {
        var sources = Set(S("1", "The Aldgate pumping station was built in 1868 to a design by a local engineer. Its engines were replaced in 1921."),
            S("2", "Until 1952, the Aldgate pumping station supplied water to the east of the city. It is now a museum."));
        var r = GroundingChecker.Check("The Aldgate pumping station, built in 1868, supplied water to the east of the city until 1952.", sources, Overlap);

        Assert.Empty(r.Issues);
        var claim = Assert.Single(r.Claims);
        Assert.Equal((ClaimOutcome.UncitedSupported, "1+2"), (claim.Outcome, claim.SourceId));
    }

    [Fact]
    public void Check_UncitedSummaryWithAWrongFigure_ContradictedAgainstTheJoinedSources()
    {
        var sources = Set(S("1", "The Kingsmead library was opened in 1905 with money from a local mill owner."),
            S("2", "The library holds 58,000 books and a large collection of local newspapers. It is funded by the county council."));
        var r = GroundingChecker.Check("The Kingsmead library, opened in 1905, holds 85,000 books and is funded by the county.", sources, Overlap);

        var issue = Single(r, GroundingKinds.ContradictedClaim);
        Assert.Contains("“58,000” where the answer says “85,000”", issue.Explanation);
        Assert.Equal(ClaimOutcome.UncitedUnsupported, Assert.Single(r.Claims).Outcome);
    }

    [Fact]
    public void Check_QuoteNotInAnySource_QuoteNotFoundWithQuoteSpan()
    {
        const string answer = "The operator says the bridge \"was painted bright blue in 1950\" [1].";
        var r = GroundingChecker.Check(answer, Two(), Overlap);

        var issue = Single(r, GroundingKinds.QuoteNotFound);
        Assert.Equal(answer, answer[issue.Span.Start..issue.Span.End]);
        var qs = issue.Evidence["quoteSpan"]!;
        Assert.Equal("was painted bright blue in 1950", answer[qs["start"]!.GetValue<int>()..qs["end"]!.GetValue<int>()]);
        Assert.Equal("1", issue.Evidence["source"]!.GetValue<string>());
        Assert.Equal(GroundingExplanationsText.QuoteNotFound, issue.Explanation);
    }

    [Fact]
    public void Check_QuoteVerbatimDespiteCaseAndPunctuation_NoQuoteIssue()
    {
        const string answer = "The source says it \u201Copened to traffic, in 1937\u201D [1].";
        var r = GroundingChecker.Check(answer, Two(), Overlap);

        Assert.DoesNotContain(r.Issues, i => i.Kind == GroundingKinds.QuoteNotFound);
    }

    [Fact]
    public void Check_ChineseClaims_SupportedAndUnsupported()
    {
        const string answer = "金门大桥于1937年正式通车[1]。埃菲尔铁塔位于巴黎市中心[1]。";
        var r = GroundingChecker.Check(answer, Set(S("1", BridgeZh)), Overlap);

        Assert.Equal([ClaimOutcome.Supported, ClaimOutcome.Unsupported], r.Claims.Select(c => c.Outcome));
        var issue = Single(r, GroundingKinds.UnsupportedClaim);
        Assert.Equal("埃菲尔铁塔位于巴黎市中心[1]。", answer[issue.Span.Start..issue.Span.End]);
        Assert.Equal(["zh", "zh"], r.Claims.Select(c => c.Claim.Language));
    }

    [Fact]
    public void Check_UnsupportedLanguage_UncheckedNotSupported()
    {
        var r = GroundingChecker.Check("Мост Золотые Ворота открылся в 1937 году [1].", Two(), Overlap);

        Assert.Empty(r.Issues);
        Assert.Equal(default, r.Share);
        Assert.Null(r.Share.Value);
        Assert.Equal(["sentences in an unsupported language (cyrillic) were not checked"], r.Unchecked);
        Assert.Equal(ClaimSkip.UnsupportedLanguage, r.Claims.Single().Claim.Skip);
    }

    [Fact]
    public void Check_FabricatedMarkerInUnsupportedLanguage_StillReported()
    {
        var r = GroundingChecker.Check("Мост Золотые Ворота открылся в 1937 году [5].", Two(), Overlap);

        Assert.Equal([GroundingKinds.FabricatedCitation], r.Issues.Select(i => i.Kind));
    }

    [Fact]
    public void Check_MoreClaimsThanLimit_RestUncheckedAndNotCounted()
    {
        var options = SourceOptions.Default with { MaxClaims = 2 };
        const string answer = "The Golden Gate Bridge opened in 1937 [1]. It was painted International Orange [1]. The Eiffel Tower was completed in 1889 [2].";
        var r = GroundingChecker.Check(answer, Two(), Overlap, options);

        Assert.Equal(new Guardrail.Detection.ScoreShare(2, 2), r.Share);
        Assert.Equal(ClaimOutcome.OverLimit, r.Claims[2].Outcome);
        Assert.Equal(["only the first 2 claims of an answer text are checked; 1 more were not"], r.Unchecked);
    }

    [Fact]
    public void Check_EmptySourceSet_NothingAtAll()
    {
        var r = GroundingChecker.Check("The bridge opened in 1912 [1].", Set(), Overlap);

        Assert.Empty(r.Claims);
        Assert.Empty(r.Issues);
        Assert.Null(r.Share.Value);
    }

    [Fact]
    public void Check_ScorerReturnsNaNOrOutOfRange_Clamped()
    {
        var nan = GroundingChecker.Check("The Golden Gate Bridge opened in 1937 [1].", Two(), FakeScorer.Always(float.NaN));
        var high = GroundingChecker.Check("The Golden Gate Bridge opened in 1937 [1].", Two(), FakeScorer.Always(7f));

        Assert.Equal(1.0, Single(nan, GroundingKinds.UnsupportedClaim).Score);
        Assert.Equal(1.0, high.Claims.Single().Support);
    }

    [Fact]
    public void Check_EverySpan_IndexesTheAnswer()
    {
        const string answer = "Intro line:\n- The Golden Gate Bridge opened in 1912 [1].\n- The Eiffel Tower was completed in 1889 [1]. [3]\nIs that right?";
        var r = GroundingChecker.Check(answer, Two(), FakeScorer.NumberAware());

        Assert.NotEmpty(r.Issues);
        foreach (var c in r.Claims) Assert.Equal(c.Claim.Text, answer[c.Claim.Span.Start..c.Claim.Span.End]);
        foreach (var i in r.Issues) Assert.Contains(r.Claims, c => c.Claim.Span == i.Span);
    }

    [Fact]
    public void Check_HugeAnswerWithManyMarkers_BoundedTime()
    {
        // 20,000 sentences with markers and URLs: segmentation must not be quadratic, and only MaxClaims are aligned.
        var answer = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"Claim number {i} about bridges and towers [{i % 3 + 1}] see https://x.example/{i}. "));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var r = GroundingChecker.Check(answer, Two(), Overlap);

        Assert.Equal(200, r.Share.Total);
        Assert.Equal(20_000, r.Claims.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Check_UncitedSummaryWithWrongDose_ContradictedAgainstBestPassage()
    {
        var sources = Set(S("1", "The tablets are not approved for children. The usual adult dose is 20 mg once a day."), S("2", Bridge));

        var r = GroundingChecker.Check("The usual adult dose is 200 mg once a day.", sources, FakeScorer.NumberAware());

        var issue = Single(r, GroundingKinds.ContradictedClaim);
        Assert.False(issue.Evidence.ContainsKey("citation"));
        Assert.Equal("1", issue.Evidence["source"]!.GetValue<string>());
        Assert.Equal(ClaimOutcome.UncitedUnsupported, r.Claims.Single().Outcome);
    }

    [Fact]
    public void Check_ClaimJoiningTwoCitedSources_SupportedByTheirUnion()
    {
        const string answer = "The Golden Gate Bridge opened to traffic in 1937, and the Eiffel Tower was completed in 1889 [1][2].";

        var r = GroundingChecker.Check(answer, Two(), Overlap);

        Assert.Empty(r.Issues);
        var claim = r.Claims.Single(c => c.Claim.Checkable);
        Assert.Equal(ClaimOutcome.Supported, claim.Outcome);
        Assert.Equal("1+2", claim.SourceId);
    }

    [Fact]
    public void Check_ClaimWithAPartNeitherCitedSourceHas_Unsupported()
    {
        const string answer = "The Golden Gate Bridge opened to traffic in 1937, and the Sydney Opera House hosts seventy thousand concerts [1][2].";

        var r = GroundingChecker.Check(answer, Two(), FakeScorer.NumberAware());

        Assert.NotEmpty(r.Issues);
        Assert.Equal(ClaimOutcome.Unsupported, r.Claims.Single(c => c.Claim.Checkable).Outcome);
    }
}
