using Guardrail.Grounding;
using static Guardrail.Core.Tests.Grounding.Sources;

namespace Guardrail.Core.Tests.Grounding;

public sealed class SourceSetTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("doc2", "2")]
    [InlineData("Source 2", "2")]
    [InlineData("ref#1", "1")]
    [InlineData("3", null)]
    [InlineData("doc9", null)]
    public void Resolve_NumericIds_ByIdAndDocForms(string id, string? expected)
    {
        Assert.Equal(expected, Two().Resolve(id)?.Id);
    }

    [Fact]
    public void Resolve_NoNumericIds_NumberIsPosition()
    {
        var set = Set(S("call_a", "First."), S("call_b", "Second."));

        Assert.Equal(["call_a", "call_b"], new[] { "1", "doc2" }.Select(id => set.Resolve(id)!.Id));
        Assert.Null(set.Resolve("3"));
        Assert.Equal("call_b", set.Resolve("CALL_B")!.Id);
    }

    [Fact]
    public void FindByUrl_SchemeWwwSlashFragmentAndCaseIgnored()
    {
        var set = Set(S("1", Bridge, "https://www.nps.gov/goga/"), S("2", Tower, "https://example.com/tower?lang=en"));

        Assert.Equal("1", set.FindByUrl("http://NPS.gov/goga#history")!.Id);
        Assert.Equal("2", set.FindByUrl("https://example.com/tower?lang=en")!.Id);
        Assert.Null(set.FindByUrl("https://example.com/tower?lang=fr"));
        Assert.True(set.AnyUrl);
        Assert.False(Two().AnyUrl);
    }

    [Fact]
    public void With_NewText_AnalysisRebuiltForTheCopy()
    {
        var original = S("1", Bridge);
        _ = original.Analysis; // cache it
        var copy = original with { Text = "Completely different words." };

        Assert.Contains("different", copy.Analysis.TermSet);
        Assert.DoesNotContain("bridge", copy.Analysis.TermSet);
    }
}
