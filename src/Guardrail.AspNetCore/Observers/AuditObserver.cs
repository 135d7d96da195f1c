using Guardrail.Audit;
using Guardrail.Pipeline.Observers;

namespace Guardrail.AspNetCore.Observers;

/// <summary>
/// Hands every finished exchange to the audit sink: the verdict and the judged texts after the policy's redaction
/// (<c>audit.text</c>), with the reviewer explanations the client was not sent. The sink never blocks; a full queue drops the record and counts it.
/// </summary>
internal sealed class AuditObserver(IAuditSink sink, TimeProvider time) : IExchangeObserver
{
    public void OnExchangeFinished(FinishedExchange exchange)
    {
        var mode = exchange.Policy.AuditText;
        var stored = mode == AuditTextMode.None ? [] : AuditRedaction.Apply(exchange.Texts, exchange.Verdict, mode);
        sink.TryWrite(new AuditRecord(time.GetUtcNow(), exchange.Route, AuditRedaction.ForReview(exchange.Verdict, mode), stored, mode));
    }
}
