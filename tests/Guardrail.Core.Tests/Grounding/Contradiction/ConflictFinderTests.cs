using Guardrail.Grounding;
using Guardrail.Grounding.Contradiction;

namespace Guardrail.Core.Tests.Grounding.Contradiction;

public sealed class ConflictFinderTests
{
    private static PassageConflicts? Find(string claim, string source) =>
        ConflictFinder.Find(AnalyzedText.Analyze(claim, sentences: false), AnalyzedText.Analyze(source));

    [Fact]
    public void Find_YearMovedFromAnotherSentence_ConflictAgainstTheRestatedSentence()
    {
        var found = Find("Marie Curie won the Nobel Prize in Chemistry in 1903.", "Marie Curie won the Nobel Prize in Physics in 1903. She won the Nobel Prize in Chemistry in 1911.");

        var conflict = Assert.Single(found!.Conflicts);
        Assert.Equal(("year", "1903", "1911"), (conflict.Kind, conflict.AnswerSays, conflict.SourceSays));
    }

    [Fact]
    public void Find_CountsOfDifferentThings_NoConflict()
    {
        var found = Find("The commission named two applicants.", "The seven-person commission named the applicants after a vote.");

        Assert.True(found is null || found.Conflicts.Count == 0);
    }

    [Fact]
    public void Find_CountOfTheSameThingWordedApart_Conflict()
    {
        var found = Find("St. Bride's General Hospital has 60 intensive care beds.", "St. Bride's General Hospital has 650 beds in total, including 40 in intensive care.");

        Assert.Contains(found!.Conflicts, c => c.AnswerSays == "60");
    }

    [Fact]
    public void Find_DoseNextToANegatedSentence_AgreesWhenRight()
    {
        const string source = "The tablets are not approved for children. The usual adult dose is 20 mg once a day.";

        Assert.Empty(Find("The usual adult dose is 20 mg once a day.", source)!.Conflicts);
        Assert.Equal("200 mg", Assert.Single(Find("The usual adult dose is 200 mg once a day.", source)!.Conflicts).AnswerSays);
    }

    [Fact]
    public void Find_ValueStatedInAnotherSentenceThatReadsAsClose_NoConflict()
    {
        // "a 2004 teen comedy": the release sentence states 2004; the later sentence about a 2012 list is no contradiction.
        var found = Find("It was a 2004 teen comedy.", "Mean Girls is a 2004 American teen comedy film. In November 2012, Rotten Tomatoes named it one of the top teen comedies.");

        Assert.True(found is null || found.Conflicts.Count == 0);
    }

    [Fact]
    public void Find_ChineseDateChanged_ConflictNamesBothDates()
    {
        var conflict = Assert.Single(Find("金门大桥于1938年5月27日正式通车。", "金门大桥在1937年5月27日正式通车。大桥被漆成国际橙色。")!.Conflicts);

        Assert.Equal(("1938年5月27日", "1937年5月27日"), (conflict.AnswerSays, conflict.SourceSays));
    }

    [Fact]
    public void Find_ClaimRestatesNothingInTheSource_Null()
    {
        Assert.Null(Find("The festival drew 40,000 visitors.", "The Golden Gate Bridge opened to traffic in 1937."));
    }

    [Fact]
    public void Find_SameWordsNoQuantities_NoConflict()
    {
        Assert.Empty(Find("The bridge is painted International Orange.", "The bridge is painted International Orange.")!.Conflicts);
    }

    [Theory]
    [InlineData("The drug is approved for children.", "The drug is not approved for children. The adult dose is 20 mg.", "negation")]
    [InlineData("Sales increased in the third quarter.", "Sales decreased in the third quarter.", "polarity")]
    [InlineData("The treatment reduces the risk of stroke.", "The treatment may reduce the risk of stroke, early results show.", "hedging")]
    [InlineData("该药物被批准用于儿童。", "该药物未被批准用于儿童。成人剂量为每天20毫克。", "negation")]
    [InlineData("今年的销量比去年增加了。", "今年的销量比去年减少了。", "polarity")]
    public void Find_CueOnlyOneSideHas_WordingConflict(string claim, string source, string kind)
    {
        Assert.Equal(kind, Assert.Single(Find(claim, source)!.Conflicts).Kind);
    }

    [Theory]
    [InlineData("The usual adult dose is 20 mg once a day.", "The tablets are not approved for children. The usual adult dose is 20 mg once a day.")]
    [InlineData("The bridge opened in 1937.", "The bridge opened on May 27, 1937.")]
    [InlineData("The drug is not approved for children.", "The drug is not approved for children.")]
    public void Find_RestatementNextToANegationOrWithAMonth_NoConflict(string claim, string source)
    {
        Assert.Empty(Find(claim, source)!.Conflicts);
    }
}

public sealed class ConflictFinderOtherSourcesTests
{
    [Fact]
    public void Find_ValueStatedByAnotherSourceNearTheSameWords_NoConflict()
    {
        var claim = AnalyzedText.Analyze("Camila Duarte, who won the 2022 Lisbon Open, is coached by the former champion Rui Matos.", sentences: false);
        var first = AnalyzedText.Analyze("Camila Duarte won the 2022 Lisbon Open in straight sets.");
        var second = AnalyzedText.Analyze("Rui Matos, the former champion who won the Lisbon Open in 1998, now coaches Camila Duarte.");

        Assert.Empty(ConflictFinder.Find(claim, second, [first, second])!.Conflicts);
        Assert.Equal("2022", Assert.Single(ConflictFinder.Find(claim, second)!.Conflicts).AnswerSays);
    }
}
