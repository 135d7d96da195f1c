namespace Guardrail.Pipeline.Observers;

/// <summary>The observers every exchange is handed to, in order; one that throws is reported and the rest still run.</summary>
public sealed class ExchangeObservers
{
    private readonly IExchangeObserver[] _observers;
    private readonly Action<IExchangeObserver, Exception>? _onError;

    /// <summary>Creates the list; <paramref name="onError"/> reports an observer's failure (it never reaches the client).</summary>
    public ExchangeObservers(IEnumerable<IExchangeObserver> observers, Action<IExchangeObserver, Exception>? onError = null)
    {
        _observers = observers.ToArray();
        _onError = onError;
    }

    /// <summary>No observers (offline checks that only want the verdict).</summary>
    public static ExchangeObservers None { get; } = new([]);

    /// <summary>The observers, in order.</summary>
    public IReadOnlyList<IExchangeObserver> All => _observers;

    /// <summary>Hands the finished exchange to each observer.</summary>
    public void Notify(FinishedExchange exchange)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnExchangeFinished(exchange);
            }
            catch (Exception e)
            {
                // The verdict is already decided and sent; a failing consumer must not turn it into a guard error.
                _onError?.Invoke(observer, e);
            }
        }
    }
}
