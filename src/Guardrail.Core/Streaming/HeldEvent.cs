using System.Text.Json.Nodes;

namespace Guardrail.Streaming;

/// <summary>An upstream event held until the end of the stream (a finish chunk, the usage chunk, what follows them).</summary>
/// <param name="Raw">The event's exact bytes.</param>
/// <param name="Chunk">The chunk to write instead of <paramref name="Raw"/> when it had to change (text removed, verdict added).</param>
internal sealed record HeldEvent(ReadOnlyMemory<byte> Raw, JsonObject? Chunk);
