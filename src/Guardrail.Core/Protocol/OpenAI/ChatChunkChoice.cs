namespace Guardrail.Protocol.OpenAI;

/// <summary>One choice's part of a streamed chat completion chunk.</summary>
/// <param name="Index">The choice's <c>index</c> (its position when missing).</param>
/// <param name="Content">The delta's text, or null when the delta carries none.</param>
/// <param name="FinishReason">Why the choice ended, when this chunk ends it.</param>
/// <param name="HasOtherDeltaFields">True when the delta carries non-null fields besides content (role, tool_calls, refusal…).</param>
public sealed record ChatChunkChoice(int Index, string? Content, string? FinishReason, bool HasOtherDeltaFields);
