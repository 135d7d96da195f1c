using Guardrail.Detection;
using Guardrail.Pipeline;
using Guardrail.Pipeline.Observers;
using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Pipeline.Observers;

public sealed class ExchangeObserversTests
{
    private sealed class Recording(Action<FinishedExchange>? act = null) : IExchangeObserver
    {
        public List<FinishedExchange> Seen { get; } = [];

        public void OnExchangeFinished(FinishedExchange exchange)
        {
            Seen.Add(exchange);
            act?.Invoke(exchange);
        }
    }

    private static RuleEngine Engine() =>
        new(new RuleSet([], "hash"), new Policy { Name = "p" }, DefaultDetectors.Create());

    [Fact]
    public void Finish_TwoObservers_EachSeesVerdictRouteModeAndTextsOnce()
    {
        var a = new Recording();
        var b = new Recording();
        var guard = new ExchangeGuard(Engine(), TimeProvider.System) { Route = "chat", Observers = new ExchangeObservers([a, b]) };
        var prompt = new TextTarget("request.messages[0]", Direction.Request, "user", "hello");
        guard.Evaluate([prompt]);
        guard.Keep([prompt]);

        var first = guard.Finish("buffered");
        var second = guard.Finish("none");

        Assert.Same(first, second);
        foreach (var o in new[] { a, b })
        {
            var seen = Assert.Single(o.Seen);
            Assert.Same(first, seen.Verdict);
            Assert.Equal(("chat", "buffered", "p"), (seen.Route, seen.Mode, seen.Policy.Name));
            Assert.Equal([new Guardrail.Audit.AuditedText("request.messages[0]", "hello")], seen.Texts);
        }
    }

    [Fact]
    public void Notify_ObserverThrows_ReportedAndLaterObserversStillRun()
    {
        var failures = new List<string>();
        var later = new Recording();
        var observers = new ExchangeObservers(
            [new Recording(_ => throw new InvalidOperationException("boom")), later],
            (o, e) => failures.Add(e.Message));
        var guard = new ExchangeGuard(Engine(), TimeProvider.System) { Observers = observers };

        var verdict = guard.Finish("none");

        Assert.Equal(Decision.Allow, verdict.Decision);
        Assert.Equal(["boom"], failures);
        Assert.Single(later.Seen);
    }
}
