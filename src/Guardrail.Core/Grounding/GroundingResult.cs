using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Verdicts;

namespace Guardrail.Grounding;

/// <summary>What the check concluded about one claim.</summary>
public enum ClaimOutcome
{
    /// <summary>Not a checkable claim (see <see cref="Claim.Skip"/>).</summary>
    Skipped,
    /// <summary>Checkable, but beyond the policy's <see cref="SourceOptions.MaxClaims"/>.</summary>
    OverLimit,
    /// <summary>A cited source supports it.</summary>
    Supported,
    /// <summary>No cited source supports it (and no other source does).</summary>
    Unsupported,
    /// <summary>No cited source supports it, but another supplied source does.</summary>
    Misattributed,
    /// <summary>Every citation it has names no supplied source.</summary>
    Fabricated,
    /// <summary>It cites nothing; some source supports it.</summary>
    UncitedSupported,
    /// <summary>It cites nothing, and no source supports it.</summary>
    UncitedUnsupported,
}

/// <summary>One claim and its outcome.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Outcome">What the check concluded.</param>
/// <param name="Support">Support of the best cited source (of any source when uncited); null when not aligned.</param>
/// <param name="SourceId">That source's id.</param>
public sealed record ClaimResult(Claim Claim, ClaimOutcome Outcome, double? Support = null, string? SourceId = null)
{
    /// <summary>True when the claim counts towards the share (checked within the limit).</summary>
    public bool Counted => Outcome is not (ClaimOutcome.Skipped or ClaimOutcome.OverLimit);

    /// <summary>True when it counts as supported: its citations support it, or, uncited, some source does.</summary>
    public bool Supported => Outcome is ClaimOutcome.Supported or ClaimOutcome.UncitedSupported;
}

/// <summary>One problem found, ready to become a signal (kind, score, claim span, explanation, evidence).</summary>
/// <param name="Kind">One of <see cref="GroundingKinds"/>.</param>
/// <param name="Score">Strength in [0, 1] (unsupported: 1 − support; misattributed: the other source's support; else 1).</param>
/// <param name="Span">The claim's span in the answer.</param>
/// <param name="Explanation">A sentence a reviewer can read.</param>
/// <param name="Evidence">The citation, source, passage, support and missing terms (DESIGN §3).</param>
public sealed record GroundingIssue(string Kind, double Score, TextSpan Span, string Explanation, JsonObject Evidence)
{
    /// <summary>The explanation to use when a rule withholds the claim (block, redact): one that quotes none of its words; null when <see cref="Explanation"/> quotes none.</summary>
    public string? WithheldExplanation { get; init; }
}

/// <summary>The grounding check's result for one answer text.</summary>
/// <param name="Claims">Every claim, checkable or not, in order.</param>
/// <param name="Issues">Every problem found, in claim order.</param>
/// <param name="Share">Supported claims of counted claims.</param>
/// <param name="Unchecked">What could not be checked (unsupported language, claims over the limit).</param>
public sealed record GroundingResult(IReadOnlyList<ClaimResult> Claims, IReadOnlyList<GroundingIssue> Issues, ScoreShare Share, IReadOnlyList<string> Unchecked);
