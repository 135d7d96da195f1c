namespace Guardrail.Streaming;

/// <summary>How a guarded stream ended, for the final verdict.</summary>
/// <param name="Cut">True when the guard cut the stream.</param>
/// <param name="LeakedChars">Characters of the offending text the client received before the cut (UTF-16 units).</param>
/// <param name="UpstreamCompleted">True when the upstream sent <c>[DONE]</c> before the stream ended.</param>
/// <param name="CutReason">Why the stream was cut (<c>blocked</c>, or an unchecked code such as <c>stream-event-too-large</c>), or null.</param>
public sealed record StreamOutcome(bool Cut, int LeakedChars, bool UpstreamCompleted, string? CutReason);
