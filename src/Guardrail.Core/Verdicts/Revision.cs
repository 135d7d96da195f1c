namespace Guardrail.Verdicts;

/// <summary>
/// The record of a <c>revise</c> rule's revision (Constitutional AI's critique and revision): the answer the policy
/// withheld, what the model answered when sent the findings, and whether that passed. The verdict's own findings are
/// those of the answer the client received: the revision's when it passed, the original's when it did not.
/// </summary>
/// <param name="Passed">True when the revision passed the policy and was returned in place of the original.</param>
/// <param name="OriginalDecision">The first answer's decision (block).</param>
/// <param name="Original">The first answer's findings.</param>
/// <param name="RevisedDecision">The revision's decision; null when there was no readable revision.</param>
/// <param name="Revised">The revision's findings.</param>
/// <param name="Error">Why there is no readable revision (the upstream failed, timed out or answered in another shape), or null.</param>
/// <param name="Ms">Milliseconds the revision took, its checks included.</param>
public sealed record Revision(bool Passed, Decision OriginalDecision, IReadOnlyList<Finding> Original, Decision? RevisedDecision, IReadOnlyList<Finding> Revised, string? Error, double Ms);
