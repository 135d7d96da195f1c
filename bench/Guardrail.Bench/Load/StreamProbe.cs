using System.Diagnostics;
using System.Net;
using System.Text;

namespace Guardrail.Bench.Load;

/// <summary>One streamed request's timings and size as a client sees them.</summary>
/// <param name="FirstTokenMs">Time to the first byte of answer text.</param>
/// <param name="TotalMs">Time to the end of the stream.</param>
/// <param name="Bytes">Body bytes received.</param>
/// <param name="Events">SSE events received.</param>
/// <param name="Text">The answer text the content deltas carried, joined (frames dropped show as missing text).</param>
public sealed record StreamSample(double FirstTokenMs, double TotalMs, long Bytes, int Events, string Text);

/// <summary>Sequential streamed requests over one kept-alive connection, with the upstream pausing between events.</summary>
public static class StreamProbe
{
    private static readonly byte[] ContentKey = "\"content\":\""u8.ToArray();

    /// <summary>Sends <paramref name="count"/> streamed chat requests (after one unmeasured) and returns each one's figures.</summary>
    public static async Task<IReadOnlyList<StreamSample>> RunAsync(Uri baseAddress, string body, int count, int gapMs)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1, AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var samples = new List<StreamSample>();
        for (var i = 0; i <= count; i++)
        {
            var sample = await OneAsync(client, body, gapMs);
            if (i > 0) samples.Add(sample);
        }
        return samples;
    }

    private static async Task<StreamSample> OneAsync(HttpClient client, string body, int gapMs)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(BenchUpstream.GapHeader, gapMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        var all = new MemoryStream();
        var buffer = new byte[16 * 1024];
        double first = double.NaN;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            all.Write(buffer, 0, read);
            if (double.IsNaN(first) && HasText(all.GetBuffer().AsSpan(0, (int)all.Length))) first = clock.Elapsed.TotalMilliseconds;
        }
        var total = clock.Elapsed.TotalMilliseconds;
        var text = Encoding.UTF8.GetString(all.GetBuffer(), 0, (int)all.Length);
        return new StreamSample(first, total, all.Length, CountEvents(text), Deltas(text));
    }

    // The first "content":"x" with x not the closing quote: answer text has arrived (the role event's content is "").
    private static bool HasText(ReadOnlySpan<byte> data)
    {
        var at = 0;
        while (true)
        {
            var i = data[at..].IndexOf(ContentKey);
            if (i < 0) return false;
            var next = at + i + ContentKey.Length;
            if (next < data.Length && data[next] != (byte)'"') return true;
            at = next;
        }
    }

    private static int CountEvents(string text)
    {
        var n = 0;
        for (var i = text.IndexOf("\n\n", StringComparison.Ordinal); i >= 0; i = text.IndexOf("\n\n", i + 2, StringComparison.Ordinal)) n++;
        return n;
    }

    // The joined delta contents, read with a JSON parse per event (offline, after timing).
    private static string Deltas(string text)
    {
        var sb = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
            try
            {
                var node = System.Text.Json.Nodes.JsonNode.Parse(line[6..]);
                if (node?["choices"]?[0]?["delta"]?["content"]?.GetValue<string>() is { } piece) sb.Append(piece);
            }
            catch (System.Text.Json.JsonException)
            {
                // Not a chunk (a trailing verdict line, say): not answer text.
            }
        }
        return sb.ToString();
    }
}
