using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Judging;
using Guardrail.Verdicts;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Guardrail.AspNetCore.Judging;

/// <summary>
/// The judge over any OpenAI-compatible Chat Completions endpoint. Timeouts, retries (with <c>Retry-After</c>) and the
/// circuit breaker are the <see cref="HttpClient"/>'s resilience pipeline (<see cref="Microsoft.Extensions.DependencyInjection.JudgeServiceCollectionExtensions"/>);
/// this class turns every way a call can go wrong into a <see cref="JudgeOutcome"/> with an error code.
/// </summary>
public sealed class OpenAiJudge(HttpClient http, JudgeOptions options, Constitution constitution) : IJudge
{
    /// <summary>Largest judge response read, in bytes; a larger one is a judge error.</summary>
    public const int MaxResponseBytes = 1 << 20;

    private readonly Uri _endpoint = options.ChatCompletionsUri();

    /// <inheritdoc />
    public Constitution Constitution => constitution;

    /// <inheritdoc />
    public async Task<JudgeOutcome> JudgeAsync(JudgeInput input, CancellationToken ct = default)
    {
        var start = Stopwatch.GetTimestamp();
        var outcome = await CallAsync(input, ct);
        return outcome with { Elapsed = Stopwatch.GetElapsedTime(start), Model = outcome.Model ?? options.Model };
    }

    private async Task<JudgeOutcome> CallAsync(JudgeInput input, CancellationToken ct)
    {
        var body = WireJson.Serialize(JudgePrompt.Build(constitution, input, options.Model));
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(options.ApiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                return JudgeOutcome.Failed(JudgeErrors.Unavailable, $"the judge answered HTTP {(int)response.StatusCode}");
            }
            var bytes = await ReadBoundedAsync(response.Content, ct);
            if (bytes is null) return JudgeOutcome.Failed(JudgeErrors.WrongShape, $"the judge's response is larger than {MaxResponseBytes} bytes");
            return FromCompletion(bytes, input);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return JudgeOutcome.Failed(JudgeErrors.Timeout, "the judge did not answer in time");
        }
        catch (BrokenCircuitException)
        {
            return JudgeOutcome.Failed(JudgeErrors.Unavailable, "the judge's circuit is open after repeated failures");
        }
        catch (HttpRequestException ex)
        {
            return JudgeOutcome.Failed(JudgeErrors.Unavailable, $"the judge could not be reached ({ex.HttpRequestError})");
        }
    }

    private JudgeOutcome FromCompletion(byte[] bytes, JudgeInput input)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return JudgeOutcome.Failed(JudgeErrors.WrongShape, "the judge's response is not a chat completion");
        }
        var model = root?["model"] is JsonValue m && m.GetValueKind() == JsonValueKind.String ? m.GetValue<string>() : null;
        var message = root?["choices"] is JsonArray { Count: > 0 } choices ? choices[0]?["message"] : null;
        if (message?["content"] is not JsonValue content || content.GetValueKind() != JsonValueKind.String)
        {
            // A refusal, a tool call or another API's shape carries no verdicts.
            return JudgeOutcome.Failed(JudgeErrors.WrongShape, "the judge's response has no message content") with { Model = model };
        }
        return JudgeOutputParser.Parse(content.GetValue<string>(), constitution, input.TargetLengths()) with { Model = model };
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxResponseBytes) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
