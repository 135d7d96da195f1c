using System.Diagnostics.CodeAnalysis;

namespace Guardrail.Protocol.Sse;

/// <summary>Splits a streamed body into events, whatever the chunking of its bytes: SSE (<see cref="SseParser"/>) or NDJSON (<see cref="NdjsonParser"/>).</summary>
public interface IEventParser
{
    /// <summary>True once an event exceeded the maximum; the parser then ignores further input.</summary>
    bool HasOverflowed { get; }

    /// <summary>Adds bytes from the stream; complete events become available from <see cref="TryRead"/>.</summary>
    void Feed(ReadOnlySpan<byte> bytes);

    /// <summary>Takes the next complete event, if any.</summary>
    bool TryRead([MaybeNullWhen(false)] out SseEvent evt);

    /// <summary>At the end of the stream: takes the remaining complete events, then a last one that lacked its terminator.</summary>
    bool TryFlush([MaybeNullWhen(false)] out SseEvent evt);
}
