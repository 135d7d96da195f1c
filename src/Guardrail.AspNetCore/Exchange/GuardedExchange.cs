using Guardrail.AspNetCore.Metrics;
using Guardrail.Grounding;
using Guardrail.Pipeline;
using Guardrail.Protocol;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Exchange;

/// <summary>Per-request state shared by the request guard and the response guard (an HttpContext feature).</summary>
internal sealed partial class GuardedExchange(ExchangeGuard guard, string route, long startTimestamp)
{
    /// <summary>The exchange's guard and verdict under construction.</summary>
    public ExchangeGuard Guard { get; } = guard;

    /// <summary>The YARP route id (a bounded metric label).</summary>
    public string Route { get; } = route;

    /// <summary>When the request reached the guard.</summary>
    public long StartTimestamp { get; } = startTimestamp;

    /// <summary>When the request was handed to the upstream, for upstream latency.</summary>
    public long UpstreamStartTimestamp { get; set; }

    /// <summary>True when the client asked for a stream.</summary>
    public bool StreamRequested { get; set; }

    /// <summary>The adapter of the request's API; null when none reads it (the exchange is then unchecked or refused).</summary>
    public IProtocolAdapter? Adapter { get; init; }

    /// <summary>
    /// The sources the request supplied, extracted once when the prompt was parsed and attached to every answer
    /// message target; null when it supplied none or could not be read (too large, not the API's request).
    /// </summary>
    public SourceSet? Sources => Guard.Sources;

    /// <summary>True once the verdict is final and counted.</summary>
    public bool Finished { get; private set; }

    /// <summary>The final verdict, once <see cref="Finished"/>.</summary>
    public Verdict? FinalVerdict { get; private set; }

    /// <summary>Completes the verdict after the answer was judged: counts it and the response phase once.</summary>
    public Verdict FinishResponse(GuardrailMetrics metrics, string mode)
    {
        if (Finished) return FinalVerdict!;
        var verdict = Finish(metrics, mode);
        metrics.RecordPhase(Route, "response", verdict.Decision);
        return verdict;
    }

    /// <summary>Completes the verdict (unless given) and counts it once.</summary>
    public Verdict Finish(GuardrailMetrics metrics, string mode, Verdict? verdict = null)
    {
        if (Finished) return FinalVerdict!;
        verdict ??= Guard.Verdict();
        metrics.RecordVerdict(verdict, Route, mode, Guard.Builder.Shares);
        FinalVerdict = verdict;
        Finished = true;
        Audit(verdict);
        return verdict;
    }
}
