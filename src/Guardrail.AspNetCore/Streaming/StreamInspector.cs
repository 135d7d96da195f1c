using System.Text.Json.Nodes;
using Guardrail.AspNetCore.Exchange;
using Guardrail.AspNetCore.Metrics;
using Guardrail.Detection;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Streaming;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Streaming;

/// <summary>Checks each streamed sentence with the exchange's rules and produces the final verdict for the last event.</summary>
internal sealed class StreamInspector(GuardedExchange exchange, GuardrailMetrics metrics, StreamingMode mode) : IStreamInspector
{
    /// <summary>A trial run (a buffered stream a revise rule may replace): checks as usual, but finishes nothing and counts nothing.</summary>
    public bool Trial { get; init; }

    public SentenceCheck CheckSentence(StreamSentence sentence)
    {
        // Text, not MessageText: building the whole message for every sentence is quadratic in its length.
        var text = sentence.Text;
        // The sources were extracted once from the request; the set is immutable, so every message sentence shares it.
        var target = exchange.Guard.WithSources(new TextTarget(sentence.TargetPath, Direction.Response, "assistant", text) { Channel = sentence.Channel });
        var evaluation = exchange.Guard.Check(target);
        var findings = evaluation.Findings.Select(f => Adapt(f, sentence.Start)).ToList();
        exchange.Guard.Builder.Add(evaluation with { Findings = findings }, sentence.TargetPath);
        exchange.KeepStreamed(sentence);
        var decision = Decision.Allow;
        foreach (var f in findings) decision = decision.Max(f.Action);
        return new SentenceCheck(decision, findings);
    }

    public bool Unchecked(string code, string? detail) => exchange.Guard.Unchecked(code, detail, "response");

    public JsonObject FinalVerdict(StreamOutcome outcome)
    {
        if (Trial) return [];
        if (!outcome.UpstreamCompleted && !outcome.Cut) exchange.Guard.Builder.AddUnchecked(UncheckedCodes.StreamIncomplete);
        if (outcome.Cut)
        {
            metrics.StreamCutoffs.Inc();
            metrics.StreamLeakedChars.Observe(outcome.LeakedChars);
        }
        return VerdictJson.ToJson(exchange.FinishResponse(metrics, ModeLabel(mode)));
    }

    /// <summary>Metric label of a streaming mode.</summary>
    public static string ModeLabel(StreamingMode mode) => mode switch
    {
        StreamingMode.HoldBack => "hold-back",
        StreamingMode.Observe => "observe",
        _ => "buffer",
    };

    // Spans come back relative to the sentence; the verdict indexes the whole message. In observe mode the
    // text has already left, so a redaction cannot happen: the finding says so instead of pretending.
    private Finding Adapt(Finding f, int offset)
    {
        var shifted = f with { Span = f.Span?.Shift(offset) };
        if (mode == StreamingMode.Observe && f.Action == Decision.Redact)
        {
            shifted = shifted with
            {
                Action = Decision.Flag,
                Explanation = f.Explanation + " Not masked: observe mode had already released this text.",
            };
        }
        return shifted;
    }
}
