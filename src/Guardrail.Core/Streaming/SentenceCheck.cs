using Guardrail.Verdicts;

namespace Guardrail.Streaming;

/// <summary>The result of checking one streamed sentence.</summary>
/// <param name="Decision">Block cuts the stream; Redact masks the spans of redact findings (hold-back and buffer only).</param>
/// <param name="Findings">Findings whose spans index <see cref="StreamSentence.MessageText"/>.</param>
public sealed record SentenceCheck(Decision Decision, IReadOnlyList<Finding> Findings)
{
    /// <summary>A check that found nothing.</summary>
    public static SentenceCheck Allow { get; } = new(Decision.Allow, []);
}
