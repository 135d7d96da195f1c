namespace Guardrail.AspNetCore.Audit;

/// <summary>
/// Writes that attach to a stored verdict (judge labels, shadow decisions) wait for it: the audit trail writes its
/// records in batches (<c>Guardrail:Audit:FlushDelay</c>), so the first try may come before the verdict is there.
/// </summary>
internal static class StoreRetry
{
    private static readonly TimeSpan[] Waits = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>Tries <paramref name="write"/> until it reports the verdict found, about 4.4 s at most; false when it never was.</summary>
    public static async Task<bool> UntilStoredAsync(Func<Task<bool>> write, TimeProvider time, CancellationToken ct)
    {
        if (await write()) return true;
        foreach (var wait in Waits)
        {
            await Task.Delay(wait, time, ct);
            if (await write()) return true;
        }
        return false;
    }
}
