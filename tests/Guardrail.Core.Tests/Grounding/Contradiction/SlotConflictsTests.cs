using Guardrail.Grounding;
using Guardrail.Grounding.Contradiction;

namespace Guardrail.Core.Tests.Grounding.Contradiction;

public sealed class SlotConflictsTests
{
    private static IReadOnlyList<Conflict> Find(string claim, string source) =>
        ConflictFinder.Find(AnalyzedText.Analyze(claim, sentences: false), AnalyzedText.Analyze(source))?.Conflicts ?? [];

    [Theory]
    [InlineData("Varnium was first isolated by the Danish chemist Anders Ekhult in 1802.",
        "Varnium was first isolated by the Swedish chemist Anders Ekhult in 1802. He named it after a village.", "Danish", "Swedish")]
    [InlineData("Quillon, the payments startup, is headquartered in Porto.",
        "Quillon, a payments startup, is headquartered in Lisbon, although most of its engineers work remotely.", "Porto", "Lisbon")]
    [InlineData("The cup final was played at Hampden Park in front of 87,000 fans.",
        "The cup final was played at Wembley Stadium in front of 87,000 fans. The home side won.", "Hampden Park", "Wembley Stadium")]
    [InlineData("Priya Raman studied economics at McGill University before joining the World Bank.",
        "Priya Raman studied economics at the University of Toronto before joining the World Bank.", "McGill University", "University of Toronto")]
    public void Find_NameInAnothersSlot_NameConflictWithBothSides(string claim, string source, string answerSays, string sourceSays)
    {
        var conflict = Assert.Single(Find(claim, source));

        Assert.Equal(("name", answerSays, sourceSays), (conflict.Kind, conflict.AnswerSays, conflict.SourceSays));
    }

    [Fact]
    public void Find_TermMovedFromAnotherSentence_TermConflict()
    {
        var conflict = Assert.Single(Find("The west wing of Ashcombe House was added in 1790.",
            "The east wing of Ashcombe House was added in 1790. The west wing burned down in 1834 and was rebuilt."));

        Assert.Equal(("term", "west", "east"), (conflict.Kind, conflict.AnswerSays, conflict.SourceSays));
    }

    [Theory]
    // A synonym, even one the source uses elsewhere in another sense.
    [InlineData("The Sky Island Observatory is run by the University of Arizona.",
        "The Sky Island Observatory is operated by the University of Arizona and sits at 3,200 m. Public tours run on summer weekends.")]
    // The claim names what the passage calls "the island".
    [InlineData("A ferry connects Skerra to the mainland in about 45 minutes.",
        "Skerra has no airport. A ferry connects the island to the mainland in about 45 minutes.")]
    // A clause of the claim's own, not a slot of the passage's.
    [InlineData("Switzerland's capital is Bern, according to the country list.",
        "Country list:\n- France: capital Paris, currency euro\n- Switzerland: capital Bern, currency Swiss franc")]
    // An acronym of the passage's name.
    [InlineData("The report was published by the UN in Geneva.", "The report was published by the United Nations in Geneva.")]
    // A date written another way is one quantity, not a name.
    [InlineData("Security patch 3.1.4 was published on 7 November 2022.", "Security patch 3.1.4 was published on Nov. 7, 2022. It fixes a flaw.")]
    // A second fact joined to the first is not a slot ("has 48 turbines and should power …").
    [InlineData("Nordlys Energy's new wind farm off the west coast has 48 turbines and should power about 200,000 homes.",
        "Nordlys Energy has finished building its new wind farm off the west coast. The farm has 48 turbines.")]
    public void Find_RestatementsThatSubstituteWords_NoSlotConflict(string claim, string source)
    {
        Assert.DoesNotContain(Find(claim, source), c => c.Kind is "name" or "term");
    }
}

public sealed class ClauseConflictsTests
{
    private static IReadOnlyList<Conflict> Find(string claim, string source) =>
        ConflictFinder.Find(AnalyzedText.Analyze(claim, sentences: false), AnalyzedText.Analyze(source))?.Conflicts ?? [];

    [Fact]
    public void Find_SecondClauseFlipsItsSentence_PolarityConflict()
    {
        var conflict = Assert.Single(Find("The Perrin trial found that the drug lowered blood sugar and increased weight in most patients.",
            "In the Perrin trial, the drug lowered blood sugar in most patients over 24 weeks. Most patients in the Perrin trial also saw their weight decrease slightly."));

        Assert.Equal(("polarity", "increased", "decrease"), (conflict.Kind, conflict.AnswerSays, conflict.SourceSays));
    }

    [Fact]
    public void Find_NegatingPrefix_PolarityConflict()
    {
        var conflict = Assert.Single(Find("Judge Amara Bell ruled that the contract was valid.",
            "Judge Amara Bell ruled that the contract was invalid because it had been signed under pressure."));

        Assert.Equal(("polarity", "valid", "invalid"), (conflict.Kind, conflict.AnswerSays, conflict.SourceSays));
    }

    [Fact]
    public void Find_HedgedClaimWithAttributionClause_NoHedgingConflictFromTheClause()
    {
        var found = Find("According to researchers, the drought probably contributed to the city's collapse.",
            "Researchers say the drought probably contributed to the collapse of the city. The city was abandoned by 900.");

        Assert.Empty(found);
    }
}
