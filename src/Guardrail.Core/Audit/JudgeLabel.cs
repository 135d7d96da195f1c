using Guardrail.Judging;

namespace Guardrail.Audit;

/// <summary>A judge's label on a stored verdict: its decision on one principle of the constitution.</summary>
/// <param name="VerdictId">The verdict labelled.</param>
/// <param name="Principle">The principle's id.</param>
/// <param name="Violated">Whether the judge found it violated.</param>
/// <param name="Severity">The judge's severity.</param>
/// <param name="Rationale">The judge's reason, in its words.</param>
/// <param name="Spans">Where, in the stored texts' targets.</param>
/// <param name="Judge">Who labelled: the judge's model as it reported itself.</param>
/// <param name="Constitution">The constitution's version (<c>name@hash</c>).</param>
/// <param name="Reason">Why the exchange was judged: <c>uncertain</c>, <c>sample</c> or <c>revision</c>.</param>
/// <param name="Time">When the judge answered.</param>
public sealed record JudgeLabel(string VerdictId, string Principle, bool Violated, JudgeSeverity Severity, string Rationale, IReadOnlyList<JudgeSpan> Spans, string Judge, string Constitution, string Reason, DateTimeOffset Time);
