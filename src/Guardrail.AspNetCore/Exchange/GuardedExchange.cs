using Guardrail.AspNetCore.Metrics;
using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Pipeline;
using Guardrail.Protocol;
using Guardrail.Streaming;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Exchange;

/// <summary>Per-request state shared by the request guard and the response guard (an HttpContext feature).</summary>
internal sealed class GuardedExchange(ExchangeGuard guard, long startTimestamp)
{
    /// <summary>The exchange's session: its guard, verdict under construction and observers.</summary>
    public ExchangeGuard Guard { get; } = guard;

    /// <summary>The YARP route id (a bounded metric label).</summary>
    public string Route => Guard.Route;

    /// <summary>When the request reached the guard.</summary>
    public long StartTimestamp { get; } = startTimestamp;

    /// <summary>When the request was handed to the upstream, for upstream latency.</summary>
    public long UpstreamStartTimestamp { get; set; }

    /// <summary>What this exchange holds of the in-flight budget (null where nothing is budgeted: passthrough, tests).</summary>
    public BudgetLease? Budget { get; init; }

    /// <summary>True when the client asked for a stream.</summary>
    public bool StreamRequested { get; set; }

    /// <summary>The adapter of the request's API; null when none reads it (the exchange is then unchecked or refused).</summary>
    public IProtocolAdapter? Adapter { get; init; }

    /// <summary>
    /// The sources the request supplied, extracted once when the prompt was parsed and attached to every answer
    /// message target; null when it supplied none or could not be read (too large, not the API's request).
    /// </summary>
    public SourceSet? Sources => Guard.Sources;

    /// <summary>True once the verdict is final and handed to the observers.</summary>
    public bool Finished => Guard.Finished;

    /// <summary>The final verdict, once <see cref="Finished"/>.</summary>
    public Verdict? FinalVerdict => Guard.FinalVerdict;

    /// <summary>Keeps the texts of inspected targets for the observers.</summary>
    public void KeepTexts(IEnumerable<TextTarget> targets) => Guard.Keep(targets);

    /// <summary>Keeps a streamed channel's latest checked sentence for the observers.</summary>
    public void KeepStreamed(StreamSentence sentence) => Guard.KeepStreamed(sentence);

    /// <summary>Completes the verdict after the answer was judged: finishes the exchange and counts the response phase once.</summary>
    public Verdict FinishResponse(GuardrailMetrics metrics, string mode)
    {
        if (Finished) return FinalVerdict!;
        var verdict = Finish(mode);
        metrics.RecordPhase(Route, "response", verdict.Decision);
        return verdict;
    }

    /// <summary>Completes the verdict (unless given) and hands it to the observers once.</summary>
    public Verdict Finish(string mode, Verdict? verdict = null) => Guard.Finish(mode, verdict);
}
