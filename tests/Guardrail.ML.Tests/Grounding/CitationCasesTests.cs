using System.Text.RegularExpressions;
using Guardrail.ML.Evaluation;

namespace Guardrail.ML.Tests.Grounding;

public class CitationCasesTests
{
    private static List<CitationUnit> Units() =>
        Enumerable.Range(0, 60).SelectMany(g => new[]
        {
            new CitationUnit(g % 2 == 0 ? "halueval" : "begin", $"group {g}", $"passage {g} text", $"Answer {g} right", true),
            new CitationUnit(g % 2 == 0 ? "halueval" : "begin", $"group {g}", $"passage {g} text", $"Answer {g} wrong", false),
        }).ToList();

    [Fact]
    public void Build_SameUnitsInAnyOrder_SameCases()
    {
        var units = Units();

        var first = CitationCases.Build(units);
        var second = CitationCases.Build(Enumerable.Reverse(units));

        Assert.Equal(first.Select(c => (c.Id, c.Answer)), second.Select(c => (c.Id, c.Answer)));
        Assert.Equal(first.SelectMany(c => c.Sentences), second.SelectMany(c => c.Sentences));
    }

    [Fact]
    public void Build_EveryCase_TwoToFiveSourcesOneSetAndSpansCoverTheMarkers()
    {
        foreach (var c in CitationCases.Build(Units()))
        {
            Assert.InRange(c.Sources.Count, 2, 5);
            Assert.Equal(c.Sources.Count, c.Sentences.Count);
            Assert.Single(c.Sentences.Select(s => s.Set).Distinct());
            Assert.Equal(Enumerable.Range(1, c.Sources.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), c.Sources.Select(s => s.Id));
            Assert.All(c.Sentences, s => Assert.Matches(@"^Answer \d+ (right|wrong) \[\d+\]\.$", c.Answer[s.Start..s.End]));
        }
    }

    [Fact]
    public void Build_ExpectedOutcomes_ConsistentWithMarkersAndAnswers()
    {
        var cases = CitationCases.Build(Units());
        var outcomes = new HashSet<CitationOutcome>();
        foreach (var c in cases)
        {
            foreach (var s in c.Sentences)
            {
                var m = Regex.Match(c.Answer[s.Start..s.End], @"^Answer (\d+) (right|wrong) \[(\d+)\]");
                var (group, right, marker) = (m.Groups[1].Value, m.Groups[2].Value == "right", m.Groups[3].Value);
                var cited = c.Sources.Where(x => x.Id == marker).Select(x => x.Text).FirstOrDefault();
                var own = cited == $"passage {group} text";
                outcomes.Add(s.Expected);
                switch (s.Expected)
                {
                    case CitationOutcome.Supported: Assert.True(own && right); break;
                    case CitationOutcome.UnsupportedClaim: Assert.True(cited is not null && !right); break;
                    case CitationOutcome.MisattributedCitation: Assert.True(cited is not null && !own && right); break;
                    case CitationOutcome.FabricatedCitation: Assert.Null(cited); break;
                }
                // The answer's own passage is always among the sources.
                Assert.Contains(c.Sources, x => x.Text == $"passage {group} text");
            }
        }
        Assert.Equal(Enum.GetValues<CitationOutcome>().Length, outcomes.Count);
    }

    [Fact]
    public void Build_MultiSentenceOrBracketedAnswers_Skipped()
    {
        CitationUnit[] units =
        [
            new("wice", "a", "pa", "One sentence. And another one.", true),
            new("wice", "b", "pb", "Has [1] a marker.", true),
            new("wice", "c", "pc", "Fine answer.", true),
            new("wice", "d", "pd", "Also fine.", false),
        ];

        var c = Assert.Single(CitationCases.Build(units));

        Assert.Equal(2, c.Sentences.Count);
        Assert.DoesNotContain("another", c.Answer);
    }
}
