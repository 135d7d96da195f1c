using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Protocol.OpenAI;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.OpenAIResponses;

/// <summary>
/// The OpenAI Responses API (<c>POST …/responses</c>): OpenAI's <c>/v1/responses</c>, Azure OpenAI's
/// <c>/openai/v1/responses</c> and <c>/openai/responses?api-version=…</c>, and compatible servers.
/// </summary>
public sealed class ResponsesAdapter : IProtocolAdapter
{
    /// <summary>The path suffix this adapter recognises (normalised, see <see cref="RequestPath"/>).</summary>
    /// <remarks>Retrieving, cancelling or counting a response (<c>…/responses/{id}</c>, <c>…/input_tokens</c>) ends otherwise and is not read.</remarks>
    public const string Path = "/responses";

    /// <inheritdoc/>
    public string Name => "openai-responses";

    /// <inheritdoc/>
    public bool Recognizes(string method, string path) =>
        string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase) && RequestPath.EndsWith(path, Path);

    /// <inheritdoc/>
    public bool TryReadRequest(JsonObject root, [NotNullWhen(true)] out AdapterRequest? request, [NotNullWhen(false)] out string? error) =>
        ResponsesRequestReader.TryRead(this, root, out request, out error);

    /// <inheritdoc/>
    public bool TryReadAnswer(JsonObject root, AdapterRequest? request, [NotNullWhen(true)] out AdapterAnswer? answer, [NotNullWhen(false)] out string? error)
    {
        answer = null;
        if (!ResponsesAnswer.TryRead(root, out var read, out error)) return false;
        answer = read;
        return true;
    }

    /// <inheritdoc/>
    public JsonObject Refusal(Verdict verdict, string message, RefusalKind kind) => kind switch
    {
        // The same envelope as Chat Completions (the SDKs share its parsing); the prompt is the "input" parameter here.
        RefusalKind.Blocked => OpenAIErrors.Create(message, "invalid_request_error", "content_filter", verdict, "input"),
        RefusalKind.TooLarge => OpenAIErrors.Create(message, "invalid_request_error", "request_too_large", verdict),
        RefusalKind.Unreadable => OpenAIErrors.Create(message, "invalid_request_error", "content_filter", verdict),
        _ => OpenAIErrors.Create(message, "server_error", "content_filter", verdict),
    };

    /// <inheritdoc/>
    public IStreamCodec CreateStreamCodec(AdapterRequest? request) => new ResponsesStreamCodec();
}
