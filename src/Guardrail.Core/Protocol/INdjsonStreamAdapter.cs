namespace Guardrail.Protocol;

/// <summary>
/// An adapter whose API can also stream newline-delimited JSON (<c>application/x-ndjson</c>). Answers of that type
/// to other adapters are read as buffered JSON, and so marked <c>unchecked</c> when they are not one object.
/// </summary>
public interface INdjsonStreamAdapter : IProtocolAdapter
{
    /// <summary>A codec for one NDJSON answer to <paramref name="request"/>; each event it reads and writes is one line.</summary>
    IStreamCodec CreateNdjsonStreamCodec(AdapterRequest? request);
}
