using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.OpenAI;

/// <summary>
/// OpenAI Chat Completions (<c>POST …/chat/completions</c>) and the legacy Completions API (<c>POST …/completions</c>),
/// as OpenAI, Azure OpenAI deployments, vLLM, Ollama and LiteLLM serve them.
/// </summary>
public sealed class ChatCompletionsAdapter : IProtocolAdapter
{
    /// <summary>Path suffixes this adapter recognises (normalised, see <see cref="RequestPath"/>).</summary>
    public static readonly string[] DefaultPaths = ["/chat/completions", "/completions"];

    private readonly string[] _paths;

    /// <summary>Recognises <see cref="DefaultPaths"/>, or the given suffixes.</summary>
    public ChatCompletionsAdapter(IEnumerable<string>? paths = null) =>
        _paths = (paths ?? DefaultPaths).Select(RequestPath.Normalize).ToArray();

    /// <inheritdoc/>
    public string Name => "openai-chat";

    /// <inheritdoc/>
    public bool Recognizes(string method, string path) =>
        string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase) && _paths.Any(p => RequestPath.EndsWith(path, p));

    /// <inheritdoc/>
    public bool TryReadRequest(JsonObject root, [NotNullWhen(true)] out AdapterRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (root["messages"] is null && root["prompt"] is not null) return LegacyCompletions.TryRead(this, root, out request, out error);
        if (!ChatRequestReader.TryRead(root, out var info, out error)) return false;
        request = new AdapterRequest(this, root, info.TargetList, info.Stream)
        {
            StructuredOutput = info.StructuredOutput,
            Unreadable = info.Unreadable,
            Choices = info.Choices,
        };
        return true;
    }

    /// <inheritdoc/>
    public bool TryReadAnswer(JsonObject root, AdapterRequest? request, [NotNullWhen(true)] out AdapterAnswer? answer, [NotNullWhen(false)] out string? error)
    {
        answer = null;
        if (!ChatCompletionReader.TryRead(root, out var info, out error)) return false;
        answer = new ChatAnswer(info);
        return true;
    }

    /// <inheritdoc/>
    public JsonObject Refusal(Verdict verdict, string message, RefusalKind kind) => kind switch
    {
        RefusalKind.Blocked => OpenAIErrors.ContentFilter(verdict, message),
        RefusalKind.TooLarge => OpenAIErrors.Create(message, "invalid_request_error", "request_too_large", verdict),
        RefusalKind.Unreadable => OpenAIErrors.Create(message, "invalid_request_error", "content_filter", verdict),
        _ => OpenAIErrors.Create(message, "server_error", "content_filter", verdict),
    };

    /// <inheritdoc/>
    public IStreamCodec CreateStreamCodec(AdapterRequest? request) => new ChatStreamCodec(request?.StructuredOutput == true);
}
