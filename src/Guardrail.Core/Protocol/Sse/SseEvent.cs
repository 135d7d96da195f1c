namespace Guardrail.Protocol.Sse;

/// <summary>One server-sent event, with its exact bytes so it can be forwarded unchanged.</summary>
public sealed class SseEvent
{
    /// <summary>The <c>event:</c> field, or null for the default message event.</summary>
    public string? EventName { get; init; }

    /// <summary>The <c>data:</c> lines joined with <c>\n</c>; empty when there were none.</summary>
    public string Data { get; init; } = "";

    /// <summary>True when at least one <c>data:</c> line was present (even an empty one).</summary>
    public bool HasData { get; init; }

    /// <summary>The <c>id:</c> field, when present.</summary>
    public string? Id { get; init; }

    /// <summary>The <c>retry:</c> field in milliseconds, when present and numeric.</summary>
    public int? Retry { get; init; }

    /// <summary>True when the event has no data, event, id or retry field: only comments or blank lines.</summary>
    public bool IsCommentOnly { get; init; }

    /// <summary>The exact bytes of the event, its terminating blank line included.</summary>
    public ReadOnlyMemory<byte> Raw { get; init; }

    /// <summary>True for OpenAI's end-of-stream sentinel <c>data: [DONE]</c>.</summary>
    public bool IsDone => HasData && Data == "[DONE]";
}
