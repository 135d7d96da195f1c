namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>Reads a body up to a limit without ever holding more than limit + one read in memory.</summary>
internal static class BoundedBody
{
    /// <summary>The bytes read, and whether the whole body fit within <paramref name="limit"/>.</summary>
    public static async Task<(MemoryStream Buffer, bool Complete)> ReadAsync(Stream body, long limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var n = await body.ReadAsync(chunk, ct);
            if (n == 0) return (buffer, true);
            buffer.Write(chunk, 0, n);
            if (buffer.Length > limit) return (buffer, false);
        }
    }
}
