namespace Guardrail.AspNetCore.Exchange;

/// <summary>
/// The one budget every buffered body draws from (<c>Guardrail:InFlightBytes</c>): request bodies the request guard
/// reads and answers the response guard buffers, with an allowance for parsing and rewriting them. A body that would
/// take the process past it is not buffered: it is passed on <c>unchecked</c> (reason <c>memory-budget</c>) or refused
/// when the policy fails closed. Thread-safe.
/// </summary>
public sealed class InFlightBudget(long limit)
{
    private long _inUse;
    private long _peak;

    /// <summary>The budget in bytes.</summary>
    public long Limit { get; } = limit > 0 ? limit : throw new ArgumentOutOfRangeException(nameof(limit), "the in-flight budget must be positive");

    /// <summary>Bytes held now.</summary>
    public long InUse => Interlocked.Read(ref _inUse);

    /// <summary>The most bytes held at once since start (for tests and the model of the memory bound).</summary>
    public long Peak => Interlocked.Read(ref _peak);

    /// <summary>Takes <paramref name="bytes"/> if they fit; false (nothing taken) when they would exceed the limit.</summary>
    public bool TryTake(long bytes)
    {
        if (bytes <= 0) return true;
        while (true)
        {
            var current = Interlocked.Read(ref _inUse);
            var next = current + bytes;
            if (next > Limit) return false;
            if (Interlocked.CompareExchange(ref _inUse, next, current) != current) continue;
            long peak;
            while (next > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, next, peak) != peak)
            {
            }
            return true;
        }
    }

    /// <summary>Gives back bytes taken with <see cref="TryTake"/>.</summary>
    public void Return(long bytes)
    {
        if (bytes > 0) Interlocked.Add(ref _inUse, -bytes);
    }
}

/// <summary>What one exchange holds of the budget; returned once, when the exchange's bodies are no longer needed.</summary>
public sealed class BudgetLease(InFlightBudget budget) : IDisposable
{
    private long _held;

    /// <summary>Bytes this exchange holds.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>Takes more for this exchange; false when the budget cannot give it.</summary>
    public bool TryTake(long bytes)
    {
        if (!budget.TryTake(bytes)) return false;
        Interlocked.Add(ref _held, Math.Max(0, bytes));
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => budget.Return(Interlocked.Exchange(ref _held, 0));
}
