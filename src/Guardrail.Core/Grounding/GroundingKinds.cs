namespace Guardrail.Grounding;

/// <summary>Signal kinds of the grounding check; rule ids are <c>grounding.</c> + kind.</summary>
public static class GroundingKinds
{
    /// <summary>The detector's name and its score category (<c>scores.grounding</c>: the share of checkable claims supported).</summary>
    public const string Category = "grounding";

    /// <summary>A citation names no supplied source.</summary>
    public const string FabricatedCitation = "fabricated-citation";

    /// <summary>The cited sources do not support the sentence.</summary>
    public const string UnsupportedClaim = "unsupported-claim";

    /// <summary>The cited sources do not support the sentence, but another supplied source does.</summary>
    public const string MisattributedCitation = "misattributed-citation";

    /// <summary>A factual sentence without a citation, when the policy requires citations.</summary>
    public const string UncitedClaim = "uncited-claim";

    /// <summary>Quoted text that appears verbatim in no source.</summary>
    public const string QuoteNotFound = "quote-not-found";

    /// <summary>The source passage the sentence restates states another value (a year, dose, amount) in its place, or the opposite, negated or hedged.</summary>
    public const string ContradictedClaim = "contradicted-claim";

    /// <summary>Every issue kind.</summary>
    public static IReadOnlyList<string> All { get; } = [FabricatedCitation, UnsupportedClaim, MisattributedCitation, UncitedClaim, QuoteNotFound, ContradictedClaim];
}
