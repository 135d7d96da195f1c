using System.Text;
using System.Text.Json.Nodes;

namespace Guardrail.Testing;

/// <summary>Reads SSE <c>data:</c> payloads from a response as a client would, one event at a time.</summary>
public sealed class SseReader(Stream stream)
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next event's data, or null at the end of the stream.</summary>
    public async Task<string?> NextAsync(CancellationToken ct = default)
    {
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0) return data.ToString();
                continue;
            }
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0) data.Append('\n');
                data.Append(line.AsSpan(5).TrimStart(' '));
            }
        }
        return data.Length > 0 ? data.ToString() : null;
    }

    /// <summary>All remaining events' data.</summary>
    public async Task<List<string>> ReadAllAsync(CancellationToken ct = default)
    {
        var all = new List<string>();
        while (await NextAsync(ct) is { } data) all.Add(data);
        return all;
    }

    /// <summary>The concatenated delta content of chunk events.</summary>
    public static string Text(IEnumerable<string> events) => string.Concat(events
        .Where(e => e != "[DONE]")
        .Select(e => JsonNode.Parse(e)!["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>() ?? ""));
}
