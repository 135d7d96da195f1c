using Guardrail.Verdicts;

namespace Guardrail.Audit;

/// <summary>
/// What a shadow model decided on a stored exchange, beside the live decision: both over the same rules (those that
/// read the detectors the shadow replaces), so the two differ only by the model.
/// </summary>
/// <param name="VerdictId">The live verdict.</param>
/// <param name="Shadow">The shadow's version.</param>
/// <param name="LiveDecision">The live findings' decision over those rules.</param>
/// <param name="ShadowDecision">The shadow's decision over them.</param>
/// <param name="Findings">The shadow's findings.</param>
/// <param name="Time">When the shadow ran.</param>
public sealed record ShadowRecord(string VerdictId, string Shadow, Decision LiveDecision, Decision ShadowDecision, IReadOnlyList<Finding> Findings, DateTimeOffset Time);
