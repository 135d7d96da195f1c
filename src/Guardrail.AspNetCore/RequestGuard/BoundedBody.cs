using Guardrail.AspNetCore.Exchange;

namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>How a bounded read ended.</summary>
internal enum BodyEnd
{
    /// <summary>The whole body is in the buffer.</summary>
    Complete,

    /// <summary>The body is longer than the limit; the buffer holds its start.</summary>
    OverLimit,

    /// <summary>The in-flight budget could not hold more; the buffer holds its start.</summary>
    OverBudget,
}

/// <summary>Reads a body up to a limit without ever holding more than limit + one read in memory, drawing on the in-flight budget.</summary>
internal static class BoundedBody
{
    private const int Chunk = 16 * 1024;

    /// <summary>
    /// Reads up to <paramref name="limit"/>; every growth of the buffer's capacity is taken from <paramref name="lease"/>
    /// first (capacity, not length: what the buffer really holds), and the read stops when it cannot be; the bytes of
    /// that last read are then in <c>Pending</c>, after the buffer's.
    /// </summary>
    public static async Task<(MemoryStream Buffer, BodyEnd End, ReadOnlyMemory<byte> Pending)> ReadAsync(Stream body, long limit, BudgetLease? lease, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var (end, pending) = await ReadIntoAsync(body, buffer, limit, lease, ct);
        return (buffer, end, pending);
    }

    /// <summary>As <see cref="ReadAsync(Stream, long, BudgetLease?, CancellationToken)"/>, into the caller's buffer (which keeps what arrived if the read throws).</summary>
    public static async Task<(BodyEnd End, ReadOnlyMemory<byte> Pending)> ReadIntoAsync(Stream body, MemoryStream buffer, long limit, BudgetLease? lease, CancellationToken ct)
    {
        var chunk = new byte[Chunk];
        while (true)
        {
            var n = await body.ReadAsync(chunk, ct);
            if (n == 0) return (BodyEnd.Complete, default);
            if (lease is not null && buffer.Length + n > buffer.Capacity)
            {
                var capacity = Math.Max(Math.Max(buffer.Capacity * 2L, 256), buffer.Length + n);
                if (!lease.TryTake(capacity - buffer.Capacity)) return (BodyEnd.OverBudget, chunk.AsMemory(0, n));
                buffer.Capacity = (int)Math.Min(capacity, int.MaxValue);
            }
            buffer.Write(chunk, 0, n);
            if (buffer.Length > limit) return (BodyEnd.OverLimit, default);
        }
    }
}
