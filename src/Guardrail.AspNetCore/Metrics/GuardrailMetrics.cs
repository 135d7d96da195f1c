using Guardrail.Verdicts;
using Prometheus;

namespace Guardrail.AspNetCore.Metrics;

/// <summary>
/// The Prometheus metrics of DESIGN.md §7. Labels are bounded: route ids, directions, decisions, rule ids,
/// categories, check names and reasons — never users, prompts or URLs.
/// </summary>
public sealed class GuardrailMetrics
{
    private static readonly double[] ScoreBuckets = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0];
    private static readonly double[] FastBuckets = Histogram.ExponentialBuckets(0.00001, 2, 18); // 10 µs … 1.3 s
    private static readonly double[] SlowBuckets = Histogram.ExponentialBuckets(0.005, 2, 14);   // 5 ms … 40 s
    private static readonly double[] CharBuckets = [0, 1, 10, 50, 100, 200, 500, 1000, 5000];
    private static readonly string[] ReloadResults = ["success", "failure"];
    private static readonly string[] RevisionOutcomes = ["passed", "failed", "error"];

    /// <summary>Creates the metrics in <paramref name="registry"/> (tests pass their own).</summary>
    public GuardrailMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        Requests = f.CreateCounter("guardrail_requests_total", "Guarded exchanges by route, direction and decision.", "route", "direction", "decision");
        Findings = f.CreateCounter("guardrail_findings_total", "Findings by rule, category and action.", "rule", "category", "action");
        Scores = f.CreateHistogram("guardrail_score", "Distribution of scores per category.", new HistogramConfiguration { LabelNames = ["category"], Buckets = ScoreBuckets });
        CheckDuration = f.CreateHistogram("guardrail_check_duration_seconds", "Time per check.", new HistogramConfiguration { LabelNames = ["check"], Buckets = FastBuckets });
        Overhead = f.CreateHistogram("guardrail_overhead_seconds", "Time the guard adds to an exchange.", new HistogramConfiguration { LabelNames = ["route", "mode"], Buckets = FastBuckets });
        UpstreamDuration = f.CreateHistogram("guardrail_upstream_duration_seconds", "Upstream time to response headers.", new HistogramConfiguration { LabelNames = ["route"], Buckets = SlowBuckets });
        StreamLeakedChars = f.CreateHistogram("guardrail_stream_leaked_chars", "Characters released before a stream was cut.", new HistogramConfiguration { Buckets = CharBuckets });
        StreamCutoffs = f.CreateCounter("guardrail_stream_cutoffs_total", "Streams cut by the guard.");
        Unchecked = f.CreateCounter("guardrail_unchecked_total", "Exchanges or parts not checked, by reason.", "reason");
        RulesReloads = f.CreateCounter("guardrail_rules_reloads_total", "Rule set reloads by result.", "result");
        GroundingClaims = f.CreateCounter("guardrail_grounding_claims_total", "Grounding claims by status.", "status");
        JudgeEvaluations = f.CreateCounter("guardrail_judge_evaluations_total", "LLM judge evaluations by outcome.", "outcome");
        JudgeDisagreements = f.CreateCounter("guardrail_judge_disagreements_total", "Judge verdicts that disagree with the fast checks, by category.", "category");
        JudgeAgreements = f.CreateCounter("guardrail_judge_agreements_total", "Judge verdicts that agree with the fast checks, by category.", "category");
        JudgeQueued = f.CreateCounter("guardrail_judge_queued_total", "Exchanges handed to the judge, by why they were chosen.", "reason");
        JudgeOverflow = f.CreateCounter("guardrail_judge_queue_overflow_total", "Exchanges chosen for the judge but dropped because its queue was full.");
        JudgeQueueDepth = f.CreateGauge("guardrail_judge_queue_depth", "Exchanges waiting for the judge.");
        JudgeDuration = f.CreateHistogram("guardrail_judge_duration_seconds", "Time per judge call, retries included.", new HistogramConfiguration { Buckets = SlowBuckets });
        Revisions = f.CreateCounter("guardrail_revisions_total", "Revisions asked for by revise rules, by outcome: passed (returned), failed (still withheld) or error (no readable revision).", "outcome");
        foreach (var outcome in RevisionOutcomes) Revisions.WithLabels(outcome);
        ShadowDecisions = f.CreateCounter("guardrail_shadow_decisions_total", "Exchanges a shadow model decided, by the live and the shadow decision over the rules it affects.", "live", "shadow");
        ShadowOverflow = f.CreateCounter("guardrail_shadow_queue_overflow_total", "Exchanges the shadow model skipped because its queue was full.");
        // Bounded label sets start at zero, so dashboards and alerts see series (and a rate of 0) before the first event.
        foreach (var result in ReloadResults) RulesReloads.WithLabels(result);
        foreach (var code in Guardrail.Protocol.UncheckedCodes.All) Unchecked.WithLabels(code);
        foreach (var status in GroundingClaimStatus.All) GroundingClaims.WithLabels(status);
        foreach (var outcome in JudgeLabels.Outcomes) JudgeEvaluations.WithLabels(outcome);
        foreach (var category in JudgeLabels.Categories)
        {
            JudgeDisagreements.WithLabels(category);
            JudgeAgreements.WithLabels(category);
        }
        foreach (var reason in JudgeLabels.Reasons) JudgeQueued.WithLabels(reason);
        AuditRecords = f.CreateCounter("guardrail_audit_records_total", "Audit records by result: written to the store, dropped (queue full) or failed (store errors).", "result");
        foreach (var result in AuditRecordResult.All) AuditRecords.WithLabels(result);
        AuditQueueLength = f.CreateGauge("guardrail_audit_queue_length", "Audit records waiting to be written.");
    }

    /// <summary>
    /// Starts the unchecked series of each detector at zero: its own name (it could not judge a text) and
    /// <c>check-error:NAME</c> (it failed), so the dashboards' panels have data before the first such exchange.
    /// </summary>
    public GuardrailMetrics WithDetectors(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            Unchecked.WithLabels(name);
            Unchecked.WithLabels(Guardrail.Protocol.UncheckedCodes.CheckErrorOf(name));
        }
        return this;
    }

    /// <summary>
    /// Starts the score series of each classifier category at zero (<c>guardrail_score{category}</c>: toxicity, insult,
    /// hate, threat, profanity, …), so the score panels list every category before the first text is scored.
    /// </summary>
    public GuardrailMetrics WithCategories(IEnumerable<string> categories)
    {
        foreach (var category in categories) Scores.WithLabels(category);
        return this;
    }

    /// <summary>The registry the metrics live in.</summary>
    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }
    public Counter Findings { get; }
    public Histogram Scores { get; }
    public Histogram CheckDuration { get; }
    public Histogram Overhead { get; }
    public Histogram UpstreamDuration { get; }
    public Histogram StreamLeakedChars { get; }
    public Counter StreamCutoffs { get; }
    public Counter Unchecked { get; }
    public Counter RulesReloads { get; }
    public Counter GroundingClaims { get; }
    public Counter AuditRecords { get; }
    public Gauge AuditQueueLength { get; }

    /// <summary>Judge evaluations by outcome (<see cref="JudgeLabels.Outcomes"/>).</summary>
    public Counter JudgeEvaluations { get; }

    /// <summary>Judge verdicts that disagree with the fast checks, by category (<see cref="JudgeLabels.Categories"/>).</summary>
    public Counter JudgeDisagreements { get; }

    /// <summary>Judge verdicts that agree with the fast checks, by category: with the disagreements, the agreement rate per category.</summary>
    public Counter JudgeAgreements { get; }

    /// <summary>Exchanges handed to the judge, by reason (<see cref="JudgeLabels.Reasons"/>): with <c>guardrail_requests_total</c>, the share judged.</summary>
    public Counter JudgeQueued { get; }

    /// <summary>Exchanges chosen for the judge and dropped because its queue was full (the proxy never waits for it).</summary>
    public Counter JudgeOverflow { get; }

    /// <summary>Exchanges waiting for the judge.</summary>
    public Gauge JudgeQueueDepth { get; }

    /// <summary>Shadow model decisions by live and shadow decision.</summary>
    public Counter ShadowDecisions { get; }

    /// <summary>Exchanges the shadow skipped (queue full).</summary>
    public Counter ShadowOverflow { get; }

    /// <summary>Revisions by outcome (<c>passed</c>, <c>failed</c>, <c>error</c>).</summary>
    public Counter Revisions { get; }

    /// <summary>Time per judge call.</summary>
    public Histogram JudgeDuration { get; }

    /// <summary>Counts one phase of an exchange: the prompt's decision, or the whole exchange's once the answer is judged.</summary>
    public void RecordPhase(string route, string direction, Decision decision) =>
        Requests.WithLabels(route, direction, decision.ToWire()).Inc();

    /// <summary>Counts a finished verdict once: findings, scores, check timings, overhead, unchecked reasons and grounding claims.</summary>
    public void RecordVerdict(Verdict verdict, string route, string mode, IReadOnlyDictionary<string, Guardrail.Detection.ScoreShare>? shares = null)
    {
        foreach (var finding in verdict.Findings)
        {
            Findings.WithLabels(finding.Rule, finding.Category, finding.Action.ToWire()).Inc();
        }
        foreach (var (category, score) in verdict.Scores) Scores.WithLabels(category).Observe(score);
        foreach (var (key, ms) in verdict.Timings)
        {
            if (key == "total_ms") continue;
            CheckDuration.WithLabels(key.EndsWith("_ms", StringComparison.Ordinal) ? key[..^3] : key).Observe(ms / 1000);
        }
        if (verdict.Timings.TryGetValue("total_ms", out var total)) Overhead.WithLabels(route, mode).Observe(total / 1000);
        foreach (var reason in verdict.Unchecked) Unchecked.WithLabels(reason.Code).Inc();
        foreach (var (status, count) in GroundingClaimStatus.Count(verdict, shares)) GroundingClaims.WithLabels(status).Inc(count);
    }
}
