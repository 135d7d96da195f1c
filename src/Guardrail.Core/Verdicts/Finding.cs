using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Guardrail.Verdicts;

/// <summary>One reason behind a verdict: which rule matched where, how strongly, and why.</summary>
public sealed record Finding
{
    /// <summary>Rule id, e.g. <c>pii.email</c>.</summary>
    public required string Rule { get; init; }

    /// <summary>Score category, e.g. <c>pii</c>, <c>injection</c>, <c>toxicity</c>, <c>grounding</c>.</summary>
    public required string Category { get; init; }

    /// <summary>What was inspected, e.g. <c>request.messages[1]</c> or <c>response.choices[0].message</c>.</summary>
    public required string Target { get; init; }

    /// <summary>Detector score in [0, 1].</summary>
    public double Score { get; init; }

    /// <summary>The threshold the score was compared with.</summary>
    public double Threshold { get; init; }

    /// <summary>The action the policy takes for this finding.</summary>
    public Decision Action { get; init; }

    /// <summary>Where in the target's text (original, before redaction) the finding lies; null for whole-text findings.</summary>
    public TextSpan? Span { get; init; }

    /// <summary>The text covered by the span, masked when the policy does not allow storing it.</summary>
    public string? Text { get; init; }

    /// <summary>A sentence a reviewer can read.</summary>
    public required string Explanation { get; init; }

    /// <summary>Detector-specific evidence (matched pattern, validator, cited source, contributing n-grams).</summary>
    public JsonObject? Evidence { get; init; }

    /// <summary>The mask written in place of the span when <see cref="Action"/> is redact.</summary>
    public string? Mask { get; init; }

    /// <summary>
    /// For reviewers only, never sent: the explanation before it was trimmed for the client, when the finding withholds its
    /// text (a blocked sentence's contributing n-grams). The audit trail stores it (see <c>AuditRedaction.ForReview</c>).
    /// Null when nothing was trimmed, and always for personal data and secrets.
    /// </summary>
    [JsonIgnore]
    public string? ReviewExplanation { get; init; }

    /// <summary>For reviewers only, never sent: the evidence before its text-derived keys were removed; see <see cref="ReviewExplanation"/>.</summary>
    [JsonIgnore]
    public JsonObject? ReviewEvidence { get; init; }
}
