using Guardrail.Grounding;

namespace Guardrail.Core.Tests.Grounding;

/// <summary>Details the cited source lacks cap support whatever the scorer says (a fake scorer that always says 1).</summary>
public sealed class SourceAlignmentTests
{
    private sealed class Certain : ISupportScorer
    {
        public string Version => "certain";
        public float Score(ReadOnlySpan<float> features) => 1f;
    }

    private static readonly Source Bridge = new("1", null, null,
        "The Golden Gate Bridge opened to traffic in 1937. It was not painted red at first.", "test");

    private static double Support(string claim) =>
        SourceAlignment.Of(AnalyzedText.Analyze(claim, sentences: false), Bridge, new Certain()).Support;

    [Theory]
    [InlineData("The Golden Gate Bridge opened to traffic in 1912.")]   // wrong number
    [InlineData("The Brooklyn Bridge opened to traffic in 1937.")]      // swapped name
    [InlineData("The Golden Gate Bridge did not open to traffic in 1937.")] // negation only the claim has
    public void Of_ContradictedDetail_CappedBelowThreshold(string claim) =>
        Assert.Equal(SourceAlignment.CappedSupport, Support(claim), 3);

    [Theory]
    [InlineData("The Golden Gate Bridge opened to traffic in 1937.")]
    [InlineData("It was not painted red at first.")]
    public void Of_FaithfulClaim_ScorerDecides(string claim) => Assert.Equal(1.0, Support(claim), 3);
}
