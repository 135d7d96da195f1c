using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.Generic;

/// <summary>
/// Any JSON API, configured by JSON paths (<see cref="GenericApi"/>): in-house models, Cohere-like APIs, Ollama's
/// <c>/api/generate</c>. It recognises its configured path suffixes; a route can also select it by name.
/// </summary>
public sealed class GenericJsonAdapter(GenericApi api) : INdjsonStreamAdapter
{
    /// <summary>The configuration it reads with.</summary>
    public GenericApi Api { get; } = api;

    /// <inheritdoc/>
    public string Name => Api.Name;

    /// <inheritdoc/>
    public bool Recognizes(string method, string path) =>
        string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase) && Api.Paths.Any(p => RequestPath.EndsWith(path, p));

    /// <inheritdoc/>
    public bool TryReadRequest(JsonObject root, [NotNullWhen(true)] out AdapterRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = GenericRequestReader.Read(this, Api, root);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public bool TryReadAnswer(JsonObject root, AdapterRequest? request, [NotNullWhen(true)] out AdapterAnswer? answer, [NotNullWhen(false)] out string? error)
    {
        answer = null;
        if (!GenericAnswer.TryRead(Api, root, out var read, out error)) return false;
        answer = read;
        return true;
    }

    /// <inheritdoc/>
    public JsonObject Refusal(Verdict verdict, string message, RefusalKind kind) => GenericErrors.Create(verdict, message, kind);

    /// <inheritdoc/>
    public IStreamCodec CreateStreamCodec(AdapterRequest? request) => new GenericStreamCodec(Api, ndjson: false);

    /// <inheritdoc/>
    public IStreamCodec CreateNdjsonStreamCodec(AdapterRequest? request) => new GenericStreamCodec(Api, ndjson: true);
}
