namespace Guardrail.Pipeline.Observers;

/// <summary>
/// Told once per exchange, when its verdict is final (DESIGN.md §2): metrics and the audit trail today, the judge
/// sampler and shadow comparisons later. Observers run on the request's thread after the verdict is decided, so they
/// must be quick (queue work, do not wait on it) and cannot change the outcome.
/// </summary>
public interface IExchangeObserver
{
    /// <summary>The exchange finished with <see cref="FinishedExchange.Verdict"/>.</summary>
    void OnExchangeFinished(FinishedExchange exchange);
}
