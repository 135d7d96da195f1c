using System.Diagnostics;
using Guardrail.Detection;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.Pipeline;

/// <summary>
/// Guards one exchange end to end: evaluates prompt and answer texts with one rule engine snapshot and
/// keeps the guard's own elapsed time, so the verdict's <c>total_ms</c> is overhead, not upstream time.
/// </summary>
public sealed class ExchangeGuard
{
    private long _guardTicks;

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
    public IReadOnlyList<Finding> Evaluate(IEnumerable<TextTarget> targets)
    {
        var start = Stopwatch.GetTimestamp();
        var added = new List<Finding>();
        foreach (var target in targets)
        {
            var evaluation = Engine.Evaluate(target);
            Builder.Add(evaluation, target.Path);
            added.AddRange(evaluation.Findings);
        }
        _guardTicks += Stopwatch.GetTimestamp() - start;
        return added;
    }

    /// <summary>Counts time spent by the guard outside <see cref="Evaluate"/> (parsing, rewriting).</summary>
    public T Measure<T>(Func<T> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            _guardTicks += Stopwatch.GetTimestamp() - start;
        }
    }

    /// <summary>Adds elapsed ticks measured elsewhere to the guard's own time.</summary>
    public void AddGuardTicks(long ticks) => _guardTicks += ticks;

    /// <summary>The verdict as it stands.</summary>
    public Verdict Verdict() => Builder.Build(GuardMilliseconds);
}
