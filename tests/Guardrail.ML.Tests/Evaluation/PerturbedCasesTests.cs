using Guardrail.ML.Data;
using Guardrail.ML.Evaluation;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Tests.Evaluation;

public sealed class PerturbedCasesTests
{
    private static readonly Lazy<SupportModel> Model = new(() => SupportModel.Load(ShippedModelTests.ModelsDir()));

    private static SupportPair Pair(string claim, string source, bool supported = true, string group = "g") =>
        new("begin", group, Split.Dev, claim, source, supported, claim);

    private static GroundingCase? Only(string kind, string claim, string source) =>
        PerturbedCases.Build([Pair(claim, source)]).SingleOrDefault(c => c.Case.Kind == kind)?.Case;

    [Fact]
    public void Build_NumberTheSourceStates_SwappedForTheSourcesOtherNumber()
    {
        var c = Only("number-swap", "The bridge is 2,737 metres long.", "The bridge is 2,737 metres long. It carries 6 lanes of traffic.");

        Assert.NotNull(c);
        Assert.Equal("The bridge is 6 metres long [1].", c.Answer);
        Assert.Equal(("6", "2,737"), (c.AnswerSays, c.SourceSays));
        Assert.Equal("contradicted", c.Expect);
    }

    [Fact]
    public void Build_SourceHasNoOtherNumber_ValueChangedKeepingItsForm()
    {
        var c = Only("number-swap", "The tower has 1,250 steps.", "The tower has 1,250 steps and opened in 1902.");

        Assert.NotNull(c);
        Assert.Equal("The tower has 2,500 steps [1].", c.Answer);
        Assert.NotEqual(c.SourceSays!.Replace(",", "", StringComparison.Ordinal), c.AnswerSays!.Replace(",", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_YearOnly_NoNumberSwapButDateSwapForTheSourcesOtherYear()
    {
        var cases = PerturbedCases.Build([Pair("Goertz was born in 1991.", "Goertz was born in 1991. She moved to Burbank in 2010.")]);

        Assert.DoesNotContain(cases, c => c.Case.Kind == "number-swap");
        var date = Assert.Single(cases, c => c.Case.Kind == "date-swap").Case;
        Assert.Equal("Goertz was born in 2010 [1].", date.Answer);
        Assert.Equal(("2010", "1991"), (date.AnswerSays, date.SourceSays));
    }

    [Fact]
    public void Build_SourceHasNoOtherYear_YearShiftedByOneToNine()
    {
        var c = Only("date-swap", "The hall opened in 1937.", "The hall opened in 1937 with 400 seats.");

        Assert.NotNull(c);
        Assert.InRange(int.Parse(c.AnswerSays!, System.Globalization.CultureInfo.InvariantCulture), 1938, 1946);
        Assert.Equal($"The hall opened in {c.AnswerSays} [1].", c.Answer);
    }

    [Fact]
    public void Build_NameInClaimAndSource_SwappedForAnotherOfTheSourcesNames()
    {
        const string source = "The magazine was published in Philadelphia by Timothy Arthur. A rival was printed in Boston.";
        var c = Only("name-swap", "The magazine was published in Philadelphia.", source);

        Assert.NotNull(c);
        Assert.Equal("Philadelphia", c.SourceSays);
        Assert.Equal("Boston", c.AnswerSays); // one word for one word, though "Timothy Arthur" is also the source's
        Assert.Equal("The magazine was published in Boston [1].", c.Answer);
    }

    [Fact]
    public void Build_SourcesOnlyOtherCapitalsAreAMonthAndSentenceStarts_NoNameSwap()
    {
        var cases = PerturbedCases.Build([Pair("The fair opened in Paris.", "The fair opened in Paris in March. Visitors came by train.")]);

        Assert.DoesNotContain(cases, c => c.Case.Kind == "name-swap");
    }

    [Fact]
    public void Build_OneCopula_NotInsertedAfterIt()
    {
        var c = Only("negation-insert", "The museum is open on Sundays.", "The museum is open on Sundays.");

        Assert.NotNull(c);
        Assert.Equal("The museum is not open on Sundays [1].", c.Answer);
        Assert.Equal(("is not open", "is open"), (c.AnswerSays, c.SourceSays));
    }

    [Fact]
    public void Build_HaveAsMainVerb_InsertedWithDo()
    {
        Assert.Equal("They do not have shops in Ohio [1].", Only("negation-insert", "They have shops in Ohio.", "They have shops in Ohio.")?.Answer);
    }

    [Fact]
    public void Build_TwoAuxiliaries_NoNegationInsert()
    {
        Assert.Null(Only("negation-insert", "He was born in Ohio and is a singer.", "He was born in Ohio and is a singer."));
    }

    [Theory]
    [InlineData("The tool doesn't run on Linux.", "The tool does run on Linux [1].")]
    [InlineData("The shop won't open on Sundays.", "The shop will open on Sundays [1].")]
    [InlineData("The bridge was not finished in 1930.", "The bridge was finished in 1930 [1].")]
    [InlineData("He never won the award.", "He won the award [1].")]
    public void Build_OneNegation_Removed(string claim, string answer)
    {
        var c = Only("negation-remove", claim, claim);

        Assert.NotNull(c);
        Assert.Equal(answer, c.Answer);
        Assert.Null(Only("negation-insert", claim, claim)); // a negated auxiliary is not negated twice
    }

    [Fact]
    public void Build_NotOnlyOrTwoNegations_NoNegationRemove()
    {
        Assert.Null(Only("negation-remove", "It is not only a museum but a school.", "It is a museum and a school."));
        Assert.Null(Only("negation-remove", "It is not open and never was.", "It is closed."));
    }

    [Fact]
    public void Build_WordsInTheTable_RestatedAndExpectedSupported()
    {
        var c = Only("synonym", "The film began in a big hall.", "The film began in a big hall.");

        Assert.NotNull(c);
        Assert.Equal("supported", c.Expect);
        Assert.NotEqual("The film began in a big hall [1].", c.Answer);
        Assert.Matches(@"^The (film|movie) (began|started) in a (big|large) hall \[1\]\.$", c.Answer);
    }

    [Fact]
    public void Replace_TableEntries_BetweenEightyAndOneHundredFiftyAndSwappedBothWays()
    {
        Assert.InRange(PerturbSynonyms.Pairs, 80, 150);
        Assert.Equal("A movie", PerturbSynonyms.Replace("A film", 0)?.Text);
        Assert.Equal("A film", PerturbSynonyms.Replace("A movie", 0)?.Text);
    }

    [Fact]
    public void Build_AboutWithoutANumber_NotRestated()
    {
        Assert.Null(Only("synonym", "The report is about rivers.", "The report is about rivers."));
        Assert.Equal("The dam holds approximately 300 tonnes [1].", Only("synonym", "The dam holds about 300 tonnes.", "The dam holds about 300 tonnes.")?.Answer);
    }

    [Fact]
    public void Build_NothingApplies_OnlyTheOriginal()
    {
        var cases = PerturbedCases.Build([Pair("Otters eat fish", "Otters eat fish and crabs.")]);

        var c = Assert.Single(cases).Case;
        Assert.Equal("original", c.Kind);
        Assert.Equal("Otters eat fish [1]", c.Answer);
        Assert.Equal([("1", "Otters eat fish and crabs.")], c.Sources);
    }

    [Fact]
    public void Build_UnsupportedLongOrSourceless_Skipped()
    {
        var pairs = new[] { Pair("It is 5 m tall.", "It is 5 m tall.", supported: false), Pair(new string('a', 401) + ".", "a"), Pair("It is 5 m tall.", " ") };

        Assert.Empty(PerturbedCases.Build(pairs));
    }

    [Fact]
    public void Build_SameInputTwice_SameCases()
    {
        var pairs = Enumerable.Range(0, 20).Select(i => Pair($"The team was founded in {1900 + i} by Anna Berg in Oslo with {i + 2} members.",
            $"The team was founded in {1900 + i} by Anna Berg in Oslo with {i + 2} members. It moved to Bergen in {1950 + i} with {40 + i} players.", group: $"g{i}")).ToList();

        var first = PerturbedCases.Build(pairs).Select(c => (c.Case.Id, c.Case.Answer, c.Case.AnswerSays)).ToList();
        var second = PerturbedCases.Build(pairs).Select(c => (c.Case.Id, c.Case.Answer, c.Case.AnswerSays)).ToList();

        Assert.Equal(first, second);
        Assert.Equal(20 * 6, first.Count); // every kind but negation-remove applies to each pair
    }

    [Fact]
    public void Evaluate_ShippedModel_TableHasARowPerKindWithItsCount()
    {
        var pairs = new[]
        {
            Pair("The bridge over the Tagus was opened in 1966 by Salazar.", "The bridge over the Tagus was opened in 1966 by Salazar. It is 2,277 metres long and was renamed in 1974 after the Carnation Revolution."),
            Pair("The bridge is 2,277 metres long.", "The bridge over the Tagus was opened in 1966 by Salazar. It is 2,277 metres long and was renamed in 1974 after the Carnation Revolution.", group: "h"),
            Pair("The ferry does not run in winter.", "The ferry does not run in winter, when the river freezes.", group: "i"),
            Pair("The film began in a big hall.", "The film began in a big hall.", group: "j"),
        };
        var cases = PerturbedCases.Build(pairs);
        Assert.All(PerturbedCases.Kinds, k => Assert.Contains(cases, c => c.Case.Kind == k));

        var results = PerturbedEvaluation.Evaluate(cases, Model.Value);
        var text = PerturbedEvaluation.Format("dev 15%", results);

        Assert.Equal(cases.Count, results.Count);
        Assert.Contains("perturbed cases, dev 15% (4 pairs,", text);
        foreach (var kind in PerturbedCases.Kinds)
        {
            Assert.Contains($"| {kind} | {PerturbedCases.Expected(kind)} | {cases.Count(c => c.Case.Kind == kind)} |", text);
        }
        Assert.Contains("| original | supported | 4 |", text);
    }

    [Fact]
    public void Format_OriginalFlaggedOnOnePair_ConditionalAccuracyLeavesThatPairOut()
    {
        static PerturbedResult Result(string pair, string kind, string predicted) =>
            new(new PerturbedCase("halueval", Split.Test, pair, new GroundingCase($"{pair}-{kind}", "en", kind, "x [1]", [("1", "x")], PerturbedCases.Expected(kind), "2", "1")), predicted, false, true);
        var results = new[]
        {
            Result("a", "original", "unsupported"), Result("a", "number-swap", "contradicted"),
            Result("b", "original", "supported"), Result("b", "number-swap", "unsupported"),
        };

        var text = PerturbedEvaluation.Format("test 15%", results);

        Assert.Contains("(2 pairs, 1 whose original passes)", text);
        Assert.Contains("| number-swap | contradicted | 2 | 0.500 | 0.000 (1) | 1.000 | 0.000 | 2 / 0 / 0 | 0 |", text);
        Assert.Contains("| original | supported | 2 | 0.500 | 1.000 (1) | 0.500 | — | 2 / 0 / 0 | 0 |", text);
        Assert.Contains("| name-swap | contradicted | 0 | — | — (0) | — | — | 0 / 0 / 0 | 0 |", text);
    }
}
