using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Metrics;

/// <summary>
/// The bounded <c>status</c> label of <c>guardrail_grounding_claims_total</c> (DESIGN.md §7), read from a finished
/// verdict: grounding findings by their rule id's suffix, and claims the grounding check could not judge.
/// </summary>
internal static class GroundingClaimStatus
{
    /// <summary>Rule ids of grounding findings start with this (e.g. <c>grounding.unsupported-claim</c>).</summary>
    public const string RulePrefix = "grounding.";

    /// <summary>The detector name that prefixes the unchecked reasons it reports (<c>grounding: …</c>).</summary>
    public const string Detector = "grounding";

    /// <summary>Every label value; the counter is created with each at zero so dashboards see them before the first claim.</summary>
    public static readonly string[] All = ["supported", "unsupported", "misattributed", "fabricated", "uncited", "unchecked"];

    /// <summary>
    /// The status of a grounding finding, from the first word of its rule id's suffix: <c>fabricated-…</c>,
    /// <c>misattribut…</c>, <c>uncited-…</c>, <c>unchecked-…</c>; every other grounding rule (unsupported claim, quote not
    /// found, number or name absent from the evidence) is a claim the evidence does not support. Null for other rules.
    /// </summary>
    public static string? Of(Finding finding)
    {
        if (!finding.Rule.StartsWith(RulePrefix, StringComparison.OrdinalIgnoreCase)) return null;
        var suffix = finding.Rule.AsSpan(RulePrefix.Length);
        if (suffix.StartsWith("fabricat", StringComparison.OrdinalIgnoreCase)) return "fabricated";
        if (suffix.StartsWith("misattribut", StringComparison.OrdinalIgnoreCase)) return "misattributed";
        if (suffix.StartsWith("uncited", StringComparison.OrdinalIgnoreCase)) return "uncited";
        if (suffix.StartsWith("unchecked", StringComparison.OrdinalIgnoreCase)) return "unchecked";
        return "unsupported";
    }

    /// <summary>Counts of each status in <paramref name="verdict"/>, supported ones from the grounding tally in <paramref name="shares"/> (absent statuses are not listed).</summary>
    public static Dictionary<string, int> Count(Verdict verdict, IReadOnlyDictionary<string, Guardrail.Detection.ScoreShare>? shares = null)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var finding in verdict.Findings)
        {
            if (Of(finding) is { } status) counts[status] = counts.GetValueOrDefault(status) + 1;
        }
        // The rule engine reports a detector's "could not judge" signals with the detector's name as code. The builder
        // keeps each distinct reason once per exchange, so this undercounts several unjudged claims with the same reason.
        foreach (var reason in verdict.Unchecked)
        {
            if (string.Equals(reason.Code, Detector, StringComparison.OrdinalIgnoreCase)) counts["unchecked"] = counts.GetValueOrDefault("unchecked") + 1;
        }
        // Supported claims come from the grounding check's tally (supported of checkable, summed over every answer text
        // and streamed sentence), not from findings: a supported claim draws none.
        if (shares is not null && shares.TryGetValue(Detector, out var share) && share.Hits > 0) counts["supported"] = share.Hits;
        return counts;
    }
}
