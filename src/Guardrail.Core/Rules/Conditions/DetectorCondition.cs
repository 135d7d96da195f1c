using Guardrail.Verdicts;

namespace Guardrail.Rules.Conditions;

/// <summary>Matches a detector's signals of the listed kinds at or above a threshold (<c>pii:</c>, <c>detector:</c>, <c>classifier:</c>).</summary>
public sealed class DetectorCondition : IRuleCondition
{
    private readonly HashSet<string>? _kinds;

    /// <summary>Creates the condition; <paramref name="kinds"/> null or empty accepts every kind.</summary>
    public DetectorCondition(string detector, IEnumerable<string>? kinds, double above)
    {
        Detector = detector;
        var list = kinds?.ToArray() ?? [];
        _kinds = list.Length == 0 ? null : new HashSet<string>(list, StringComparer.OrdinalIgnoreCase);
        Above = above;
    }

    /// <summary>The detector whose signals are read.</summary>
    public string Detector { get; }

    /// <summary>Accepted signal kinds; empty means all.</summary>
    public IReadOnlyCollection<string> Kinds => (IReadOnlyCollection<string>?)_kinds ?? [];

    /// <summary>The rule's own threshold; a policy's override replaces it.</summary>
    public double Above { get; }

    /// <summary>True for a <c>classifier:</c> condition, whose matches state the threshold they passed.</summary>
    public bool IsClassifier { get; init; }

    /// <inheritdoc />
    public IEnumerable<string> Detectors => [Detector];

    /// <inheritdoc />
    public ConditionResult Evaluate(RuleContext context)
    {
        var threshold = context.ThresholdOverride ?? Above;
        List<ConditionMatch>? matches = null;
        foreach (var signal in context.Signals(Detector))
        {
            if (signal.IsUnchecked || signal.IsNote) continue; // "could not judge" and remarks are never a match
            if (signal.Share is not null) continue; // a tally for the verdict's score, not an observation at a place
            if (_kinds is not null && !_kinds.Contains(signal.Kind)) continue;
            if (signal.Score < threshold) continue;
            (matches ??= []).Add(new ConditionMatch(signal.Span, signal.Score, threshold, signal.Explanation, signal.Evidence) { WithheldExplanation = signal.WithheldExplanation, IsClassifierScore = IsClassifier });
        }
        return matches is null ? ConditionResult.None : new ConditionResult(true, matches);
    }
}
