using Prometheus;

namespace Guardrail.Testing;

/// <summary>A registry's metrics in the Prometheus text format, as a scrape would see them.</summary>
public static class MetricsText
{
    /// <summary>Exports <paramref name="registry"/>.</summary>
    public static async Task<string> OfAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
