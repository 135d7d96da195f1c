using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.Anthropic;

/// <summary>The Anthropic Messages API (<c>POST …/v1/messages</c>), as api.anthropic.com and compatible gateways serve it.</summary>
public sealed class AnthropicMessagesAdapter : IProtocolAdapter
{
    /// <summary>The path suffix this adapter recognises (normalised, see <see cref="RequestPath"/>).</summary>
    public const string Path = "/messages";

    /// <inheritdoc/>
    public string Name => "anthropic-messages";

    /// <inheritdoc/>
    public bool Recognizes(string method, string path) =>
        string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase)
        && RequestPath.EndsWith(path, Path)
        // OpenAI's Assistants API also has …/threads/{id}/messages, which is not this API.
        && !path.Contains("/threads/", StringComparison.Ordinal);

    /// <inheritdoc/>
    public bool TryReadRequest(JsonObject root, [NotNullWhen(true)] out AdapterRequest? request, [NotNullWhen(false)] out string? error) =>
        MessagesRequestReader.TryRead(this, root, out request, out error);

    /// <inheritdoc/>
    public bool TryReadAnswer(JsonObject root, AdapterRequest? request, [NotNullWhen(true)] out AdapterAnswer? answer, [NotNullWhen(false)] out string? error)
    {
        answer = null;
        if (!MessagesAnswer.TryRead(root, out var read, out error)) return false;
        answer = read;
        return true;
    }

    /// <inheritdoc/>
    public JsonObject Refusal(Verdict verdict, string message, RefusalKind kind) => kind switch
    {
        RefusalKind.TooLarge => AnthropicErrors.Create("request_too_large", message, verdict),
        RefusalKind.AnswerWithheld => AnthropicErrors.Create("api_error", message, verdict),
        _ => AnthropicErrors.Create("invalid_request_error", message, verdict),
    };

    /// <inheritdoc/>
    public IStreamCodec CreateStreamCodec(AdapterRequest? request) => new MessagesStreamCodec();
}
