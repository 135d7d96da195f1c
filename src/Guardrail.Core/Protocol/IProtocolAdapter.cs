using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol;

/// <summary>
/// Everything the guard knows of one LLM API (DESIGN.md §2): which requests are its own, where their texts, sources
/// and citations are, how to refuse a prompt, rewrite a buffered answer, and read and write its stream. Nothing
/// outside an adapter knows an API's JSON; adding an API is adding one adapter folder.
/// </summary>
public interface IProtocolAdapter
{
    /// <summary>A short stable name (<c>openai-chat</c>, <c>anthropic-messages</c>…), used in logs and the README.</summary>
    string Name { get; }

    /// <summary>True when a request with this method and normalised path (see <see cref="RequestPath"/>) is this API's.</summary>
    bool Recognizes(string method, string path);

    /// <summary>Reads a request body; false with a short reason (no text quoted) when it is not this API's request.</summary>
    bool TryReadRequest(JsonObject root, [NotNullWhen(true)] out AdapterRequest? request, [NotNullWhen(false)] out string? error);

    /// <summary>Reads a buffered answer; false with a short reason when it is not this API's answer.</summary>
    bool TryReadAnswer(JsonObject root, AdapterRequest? request, [NotNullWhen(true)] out AdapterAnswer? answer, [NotNullWhen(false)] out string? error);

    /// <summary>The body of a refused request in this API's own error shape, with the verdict inside.</summary>
    JsonObject Refusal(Verdict verdict, string message, RefusalKind kind);

    /// <summary>A stream codec for one answer to <paramref name="request"/> (null when the request could not be read).</summary>
    IStreamCodec CreateStreamCodec(AdapterRequest? request);
}

/// <summary>Why the guard answers instead of the upstream.</summary>
public enum RefusalKind
{
    /// <summary>A rule blocked the prompt (HTTP 400).</summary>
    Blocked,
    /// <summary>The request is over the policy's size limit (HTTP 413).</summary>
    TooLarge,
    /// <summary>The guard could not read the request and the policy fails closed (HTTP 400).</summary>
    Unreadable,
    /// <summary>The answer was withheld before any of it was sent (HTTP 502).</summary>
    AnswerWithheld,
}
