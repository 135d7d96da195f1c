using Guardrail.Detection;

namespace Guardrail.Grounding;

/// <summary>
/// The grounding check as a classifier named <c>grounding</c>: on answer targets that carry the request's sources it
/// reports one signal per problem (kinds in <see cref="GroundingKinds"/>) and the category signal <c>grounding</c>
/// whose <see cref="Signal.Share"/> is supported of checkable claims. Prompts, and answers without sources, get no
/// signals at all. Thread-safe when the scorer is.
/// </summary>
public sealed class GroundingDetector : IClassifier
{
    private readonly ISupportScorer _scorer;

    /// <summary>Creates the detector; without <paramref name="scorer"/>, the word-overlap floor (<see cref="OverlapSupportScorer"/>).</summary>
    public GroundingDetector(ISupportScorer? scorer = null)
    {
        _scorer = scorer ?? new OverlapSupportScorer();
        Models = new Dictionary<string, string> { [GroundingKinds.Category] = _scorer.Version };
    }

    /// <inheritdoc/>
    public string Name => GroundingKinds.Category;

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Categories { get; } = [GroundingKinds.Category];

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Models { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Signal> Detect(TextTarget target)
    {
        if (target.Direction != Direction.Response || target.Sources is not { } sources) return [];
        var signals = new List<Signal>();
        foreach (var note in sources.Notes)
        {
            // Text a limit kept out was not checked; an empty or repeated source hid nothing.
            signals.Add(sources.Unchecked.Contains(note) ? Signal.Unchecked(note) : Signal.Note(note));
        }
        if (sources.Count == 0) return signals;
        var result = GroundingChecker.Check(target.Text, sources, _scorer, annotations: target.Annotations);
        foreach (var issue in result.Issues)
        {
            signals.Add(new Signal(issue.Kind, issue.Score, issue.Span, issue.Explanation, issue.Evidence) { WithheldExplanation = issue.WithheldExplanation });
        }
        foreach (var reason in result.Unchecked) signals.Add(Signal.Unchecked(reason));
        // Always reported, even 0 of 0: it keeps finding scores out of scores.grounding, and the verdict sums tallies.
        signals.Add(Signal.ShareOf(GroundingKinds.Category, result.Share, GroundingExplanations.Share(result.Share.Hits, result.Share.Total)));
        return signals;
    }
}
