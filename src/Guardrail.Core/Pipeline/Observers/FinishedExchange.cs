using Guardrail.Audit;
using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.Pipeline.Observers;

/// <summary>What an observer learns of a finished exchange: the verdict and the texts it judged.</summary>
public sealed class FinishedExchange
{
    private readonly Func<IReadOnlyList<AuditedText>> _texts;
    private IReadOnlyList<AuditedText>? _materialized;

    /// <summary>Describes a finished exchange; <paramref name="texts"/> is read at most once, on first use.</summary>
    public FinishedExchange(Verdict verdict, string route, string mode, Policy policy, IReadOnlyDictionary<string, ScoreShare> shares, Func<IReadOnlyList<AuditedText>> texts)
    {
        Verdict = verdict;
        Route = route;
        Mode = mode;
        Policy = policy;
        Shares = shares;
        _texts = texts;
    }

    /// <summary>The final verdict, exactly as sent with the response.</summary>
    public Verdict Verdict { get; }

    /// <summary>The route id (a bounded label).</summary>
    public string Route { get; }

    /// <summary>How the answer was inspected: <c>buffered</c>, a streaming mode, or <c>none</c> (refused, or no answer).</summary>
    public string Mode { get; }

    /// <summary>The policy the exchange was judged under.</summary>
    public Policy Policy { get; }

    /// <summary>Share-scored tallies summed over the exchange (e.g. grounding's supported of checkable claims).</summary>
    public IReadOnlyDictionary<string, ScoreShare> Shares { get; }

    /// <summary>
    /// The texts the guard judged, unredacted, by target: prompt targets, buffered answer targets, and each streamed
    /// channel up to its last checked sentence. Sensitive: an observer that stores them applies the policy's redaction.
    /// </summary>
    public IReadOnlyList<AuditedText> Texts => _materialized ??= _texts();

    /// <summary>The sources supplied with the request (grounding), as the checks read them.</summary>
    public IReadOnlyList<Source> Sources { get; init; } = [];

    /// <summary>The thresholds the policy's active rules applied (the judge's uncertainty band is measured around them).</summary>
    public IReadOnlyList<RuleThreshold> Thresholds { get; init; } = [];
}
