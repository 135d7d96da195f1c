using Guardrail.Grounding;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Evaluation;

/// <summary>
/// The shipped citation checker (<see cref="GroundingChecker"/> with the calibrated support model and default source
/// options) as a delegate for <see cref="CitationMetrics.Measure"/>: the citation table measures what the proxy runs.
/// </summary>
public static class GroundingCitationCheck
{
    /// <summary>Name printed next to the table.</summary>
    public const string Name = "GroundingChecker (the proxy's check) with the calibrated support model, default source options";

    /// <summary>The checker as a delegate; each issue becomes (<c>grounding.</c> + kind, claim span), a contradiction as an unsupported claim.</summary>
    public static Func<string, IReadOnlyList<(string Id, string Text)>, IReadOnlyList<(string Rule, int Start, int End)>> Create(SupportModel model)
    {
        var scorer = new CalibratedSupportScorer(model);
        return (answer, sources) =>
        {
            var set = new SourceSet([.. sources.Select((s, i) => new Source(s.Id, null, null, s.Text, $"case.sources[{i}]"))]);
            var result = GroundingChecker.Check(answer, set, scorer);
            // A contradiction is the specific form of an unsupported claim: the cases' expected outcome for a sentence no
            // passage supports, so it is scored as one here.
            return [.. result.Issues.Select(i => ("grounding." + (i.Kind == GroundingKinds.ContradictedClaim ? GroundingKinds.UnsupportedClaim : i.Kind), i.Span.Start, i.Span.End))];
        };
    }
}
