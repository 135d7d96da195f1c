using System.Diagnostics;
using Guardrail.AspNetCore.Metrics;
using Guardrail.Audit;
using Guardrail.Judging;
using Guardrail.Pipeline;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Verdicts;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.AspNetCore.Judging;

/// <summary>
/// The judge on the hot path, where a policy asks for it (<c>judge: { sync: { categories, budgetMs, action } }</c>): before
/// a buffered answer is released, the judge decides the principles that cover those categories. A violated principle
/// adds a finding (<c>judge.&lt;principle&gt;</c>) with the policy's action; the judge can only add findings, never lift
/// one. Past the budget, or when the judge fails, the verdict falls back to the fast checks and says so in a note.
/// </summary>
internal sealed class SyncJudge(IServiceProvider services, JudgeOptions options, GuardrailMetrics metrics)
{
    private IJudge? Judge => options.Enabled ? services.GetRequiredService<IJudge>() : null;

    public async Task ApplyAsync(ExchangeGuard guard, AdapterAnswer answer, CancellationToken ct)
    {
        var policy = guard.Engine.Policy;
        var sync = policy.Judge.SyncCategories;
        if (sync.Count == 0) return;
        if (Judge is not { } judge)
        {
            guard.Builder.AddNote("judge: the policy asks for a synchronous judge and none is configured; the fast checks decided");
            return;
        }
        var principles = judge.Constitution.Principles.Where(p => p.Categories.Any(c => sync.Contains(c, StringComparer.OrdinalIgnoreCase))).ToDictionary(p => p.Id);
        if (principles.Count == 0)
        {
            guard.Builder.AddNote("judge: no principle of the constitution covers the policy's sync categories; the fast checks decided");
            return;
        }
        var texts = (guard.Request?.Targets ?? []).Concat(answer.Targets).Select(t => new AuditedText(t.Path, t.Text)).ToList();
        var seen = policy.Judge.Text == JudgeTextMode.Full ? texts : AuditRedaction.Apply(texts, guard.Verdict(), policy.AuditText);
        var answers = seen.Where(t => t.Target.StartsWith("response", StringComparison.Ordinal)).ToList();
        if (answers.Count == 0) return;
        var input = new JudgeInput(seen.Select(t => new JudgeText(t.Target, t.Text)).ToList(), guard.Sources?.Sources ?? [], guard.Verdict());

        var start = Stopwatch.GetTimestamp();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(policy.Judge.SyncBudget);
        JudgeOutcome outcome;
        try
        {
            outcome = await judge.JudgeAsync(input, budget.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            outcome = JudgeOutcome.Failed(JudgeErrors.Timeout, $"no answer within the budget of {policy.Judge.SyncBudget.TotalMilliseconds:0} ms");
        }
        guard.Builder.AddTiming("judge", Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        metrics.JudgeQueued.WithLabels("sync").Inc();
        metrics.JudgeEvaluations.WithLabels(JudgeLabels.OutcomeOf(outcome)).Inc();
        metrics.JudgeDuration.Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
        if (!outcome.Succeeded)
        {
            guard.Builder.AddNote($"judge: {outcome.Error} ({outcome.Detail}); the fast checks decided");
            return;
        }
        var action = policy.Judge.SyncAction;
        foreach (var v in outcome.Verdicts!)
        {
            if (!v.Violated || !principles.TryGetValue(v.Principle, out var principle)) continue;
            var span = v.Spans.FirstOrDefault(s => s.Target.StartsWith("response", StringComparison.Ordinal));
            var category = principle.Categories.First(c => sync.Contains(c, StringComparer.OrdinalIgnoreCase));
            var plain = $"The judge ({outcome.Model}) finds principle '{principle.Id}' violated ({v.Severity.ToString().ToLowerInvariant()}).";
            guard.Builder.AddFinding(new Finding
            {
                Rule = $"judge.{principle.Id}",
                Category = category,
                Target = span?.Target ?? answers[0].Target,
                Score = 1,
                Threshold = 0.5,
                Action = action,
                Span = span is null ? null : new TextSpan(span.Start, span.End),
                // The rationale may quote the answer: the client reads it only where the answer is released anyway.
                Explanation = action == Decision.Block ? plain : $"{plain} {v.Rationale}",
                ReviewExplanation = action == Decision.Block ? $"{plain} {v.Rationale}" : null,
            });
        }
    }
}
