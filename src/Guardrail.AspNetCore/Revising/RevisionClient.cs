using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Revising;

/// <summary>
/// Sends a revision request to the upstream that gave the withheld answer: the same URL and the same credentials and
/// API headers as the proxied request, one attempt within the policy's budget, the answer read up to the policy's limit.
/// Every failure is a reason, never an exception.
/// </summary>
internal sealed class RevisionClient(IHttpClientFactory clients)
{
    /// <summary>The named client revisions go through.</summary>
    public const string HttpClientName = "guardrail-revise";

    // Content headers come from the new body; hop-by-hop and encoding headers are the client's own business.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Content-Encoding", "Transfer-Encoding", "Connection", "Accept-Encoding", "Expect", "Upgrade", "TE", "Trailer",
    };

    public async Task<(byte[]? Body, string? Error)> SendAsync(HttpRequestMessage original, JsonObject body, TimeSpan budget, long maxBytes, CancellationToken ct)
    {
        if (original.RequestUri is null) return (null, "the proxied request's address is unknown");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(budget);
        using var request = new HttpRequestMessage(HttpMethod.Post, original.RequestUri)
        {
            Content = new ByteArrayContent(WireJson.SerializeToUtf8(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, values) in original.Headers)
        {
            if (!Skipped.Contains(name)) request.Headers.TryAddWithoutValidation(name, values);
        }
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode) return (null, $"the upstream answered the revision with HTTP {(int)response.StatusCode}");
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int n;
            while ((n = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + n > maxBytes) return (null, "the revision is larger than the policy's response limit");
                buffer.Write(chunk, 0, n);
            }
            return (buffer.ToArray(), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"the revision took longer than its budget of {budget.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"the upstream could not be reached for the revision ({ex.HttpRequestError})");
        }
    }
}
