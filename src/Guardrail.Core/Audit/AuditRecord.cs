using Guardrail.Verdicts;

namespace Guardrail.Audit;

/// <summary>One text of the exchange as stored: the target path findings name, and its text after the policy's redaction.</summary>
/// <param name="Target">The wire path, e.g. <c>request.messages[1]</c> or <c>response.choices[0].message</c>.</param>
/// <param name="Text">The stored text; masked spans keep their length so finding spans still index it.</param>
public sealed record AuditedText(string Target, string Text);

/// <summary>A verdict and the exchange it judged, as the audit store keeps it.</summary>
/// <param name="Time">When the exchange finished.</param>
/// <param name="Route">The route id (bounded, as in metrics).</param>
/// <param name="Verdict">The verdict as sent with the response, its findings with the reviewer explanations the client was not sent (<see cref="AuditRedaction.ForReview"/>).</param>
/// <param name="Texts">The exchange's texts after redaction per policy (empty when the policy stores none).</param>
/// <param name="TextMode">How the texts were redacted.</param>
public sealed record AuditRecord(DateTimeOffset Time, string Route, Verdict Verdict, IReadOnlyList<AuditedText> Texts, AuditTextMode TextMode)
{
    /// <summary>The verdict id, the record's key.</summary>
    public string Id => Verdict.Id;
}

/// <summary>How much of an exchange's text the audit store keeps (a policy's <c>audit.text</c>).</summary>
public enum AuditTextMode
{
    /// <summary>The texts, with every span a redact or block finding or a <c>pii</c> finding names overwritten (same length). The default.</summary>
    Masked,
    /// <summary>The texts as exchanged. Only when a policy says so.</summary>
    Full,
    /// <summary>No text: the verdict alone.</summary>
    None,
}
