using Guardrail.Audit;
using Guardrail.Detection;
using Guardrail.Streaming;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Exchange;

/// <summary>
/// The exchange's side of the audit trail: it keeps the texts the guard saw (references to strings already copied out
/// of the request and response, never the HttpContext) and hands one record to the sink when the verdict is final.
/// </summary>
internal sealed partial class GuardedExchange
{
    private IAuditSink? _audit;
    private TimeProvider? _time;
    private List<AuditedText>? _texts;
    private Dictionary<string, StreamSentence>? _streamed;

    /// <summary>Writes this exchange's record to <paramref name="sink"/> when it finishes.</summary>
    public void EnableAudit(IAuditSink sink, TimeProvider time)
    {
        _audit = sink;
        _time = time;
        _texts = [];
    }

    /// <summary>Keeps the texts of inspected targets (prompt messages, buffered answers) for the audit record.</summary>
    public void KeepTexts(IEnumerable<TextTarget> targets)
    {
        if (_texts is null) return;
        foreach (var t in targets) _texts.Add(new AuditedText(t.Path, t.Text));
    }

    /// <summary>Keeps a streamed choice's latest checked sentence: its text up to there is what the guard saw of the answer.</summary>
    public void KeepStreamed(StreamSentence sentence)
    {
        if (_texts is null) return;
        (_streamed ??= new(StringComparer.Ordinal))[sentence.TargetPath] = sentence;
    }

    private void Audit(Verdict verdict)
    {
        if (_audit is null || _texts is null) return;
        var mode = Guard.Engine.Policy.AuditText;
        IEnumerable<AuditedText> texts = _texts;
        if (_streamed is not null)
        {
            texts = texts.Concat(_streamed.Values.Select(s =>
            {
                // The choice's buffer may already hold text past the last checked sentence; that text was not judged.
                var message = s.MessageText;
                return new AuditedText(s.TargetPath, s.End >= message.Length ? message : message[..s.End]);
            }));
        }
        var stored = mode == AuditTextMode.None ? [] : AuditRedaction.Apply(texts, verdict, mode);
        // Never blocks; a full queue drops the record and counts it.
        _audit.TryWrite(new AuditRecord(_time!.GetUtcNow(), Route, verdict, stored, mode));
    }
}
