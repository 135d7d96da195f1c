using System.Diagnostics;
using Guardrail.Detection;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.Pipeline;

/// <summary>
/// Guards one exchange end to end: evaluates prompt and answer texts with one rule engine snapshot and
/// keeps the guard's own elapsed time, so the verdict's <c>total_ms</c> is overhead, not upstream time.
/// </summary>
public sealed partial class ExchangeGuard
{
    private long _guardTicks;
    private bool _measuring;

    /// <summary>Starts guarding an exchange.</summary>
    public ExchangeGuard(RuleEngine engine, TimeProvider time)
    {
        Engine = engine;
        Builder = new VerdictBuilder(VerdictId.New(time), engine.PolicyVersion, engine.Policy.FailMode);
    }

    /// <summary>The rules and policy in force for this exchange (fixed for its lifetime, even across reloads).</summary>
    public RuleEngine Engine { get; }

    /// <summary>The verdict under construction.</summary>
    public VerdictBuilder Builder { get; }

    /// <summary>Milliseconds the guard itself has spent on this exchange.</summary>
    public double GuardMilliseconds => Stopwatch.GetElapsedTime(0, _guardTicks).TotalMilliseconds;

    /// <summary>Evaluates texts and merges the results; returns the findings they produced.</summary>
    public IReadOnlyList<Finding> Evaluate(IEnumerable<TextTarget> targets) => Measure(() => EvaluateTargets(targets));

    // Unmeasured: callers inside Measure must not count the same time twice (verdict total_ms is the guard's own time).
    private List<Finding> EvaluateTargets(IEnumerable<TextTarget> targets)
    {
        var added = new List<Finding>();
        foreach (var target in targets)
        {
            var evaluation = Check(target);
            Builder.Add(evaluation, target.Path);
            added.AddRange(evaluation.Findings);
        }
        return added;
    }

    /// <summary>
    /// Evaluates one text with the rules without merging it into the verdict (a stream merges each sentence itself).
    /// The one place that applies the fail mode to what a detector could not judge (a language it does not read, text
    /// past its work budget): under a fail-closed policy such a text also gets a blocking finding
    /// (<see cref="GuardFindings.NotJudged"/>), so it is refused or withheld, streamed or not.
    /// </summary>
    public TextEvaluation Check(TextTarget target)
    {
        var evaluation = Engine.Evaluate(target);
        if (Builder.FailMode != Policies.FailMode.Closed || evaluation.Unchecked is not { Count: > 0 } reasons) return evaluation;
        return evaluation with { Findings = [.. evaluation.Findings, GuardFindings.NotJudged(reasons[0], target.Path)] };
    }

    /// <summary>Counts time spent by the guard (parsing, checking, rewriting); nested calls count once.</summary>
    public T Measure<T>(Func<T> work)
    {
        if (_measuring) return work();
        _measuring = true;
        var start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            _guardTicks += Stopwatch.GetTimestamp() - start;
            _measuring = false;
        }
    }

    /// <summary>Adds elapsed ticks measured elsewhere to the guard's own time.</summary>
    public void AddGuardTicks(long ticks) => _guardTicks += ticks;

    /// <summary>The verdict as it stands.</summary>
    public Verdict Verdict() => Builder.Build(GuardMilliseconds);
}
