namespace Guardrail.Protocol;

/// <summary>
/// Reason codes for parts of an exchange the guard could not read (DESIGN.md §10.12). The code is the metric label;
/// a verdict's reason is <c>code</c> or <c>code: detail</c>.
/// </summary>
public static class UncheckedCodes
{
    /// <summary>No adapter handles the request's path on a guarded route.</summary>
    public const string UnsupportedPath = "unsupported-path";
    /// <summary>The request body could not be read as the API's JSON.</summary>
    public const string RequestUnreadable = "request-unreadable";
    /// <summary>The request body was over the policy's limit.</summary>
    public const string RequestTooLarge = "request-too-large";
    /// <summary>The request body used an encoding the guard cannot decode.</summary>
    public const string RequestEncoding = "request-encoding";
    /// <summary>The answer could not be read as the API's JSON.</summary>
    public const string ResponseUnreadable = "response-unreadable";
    /// <summary>The answer was over the policy's limit.</summary>
    public const string ResponseTooLarge = "response-too-large";
    /// <summary>The answer ended before its declared length.</summary>
    public const string ResponseTruncated = "response-truncated";
    /// <summary>The answer used a content encoding the guard cannot decode.</summary>
    public const string UnsupportedContentEncoding = "unsupported-content-encoding";
    /// <summary>The answer's content type is neither the API's JSON nor SSE, and its body is neither.</summary>
    public const string UnsupportedContentType = "unsupported-content-type";
    /// <summary>The upstream answered with an error status; its body was not checked.</summary>
    public const string UpstreamError = "upstream-error";
    /// <summary>The upstream could not be reached.</summary>
    public const string UpstreamUnavailable = "upstream-unavailable";
    /// <summary>The client left before the answer was judged.</summary>
    public const string ClientDisconnected = "client-disconnected";
    /// <summary>A streamed event of a type the adapter does not know.</summary>
    public const string StreamUnknownEvent = "stream-unknown-event";
    /// <summary>A streamed event whose data could not be read (not JSON, a lone surrogate, duplicate keys).</summary>
    public const string StreamUnreadableEvent = "stream-unreadable-event";
    /// <summary>A streamed event over the size limit; the stream was cut.</summary>
    public const string StreamEventTooLarge = "stream-event-too-large";
    /// <summary>The stream ended without the API's end event.</summary>
    public const string StreamIncomplete = "stream-incomplete";
    /// <summary>Content the text checks cannot read (images, audio, files).</summary>
    public const string NonTextContent = "non-text-content";
    /// <summary>A route names a policy that is not loaded.</summary>
    public const string UnknownPolicy = "unknown-policy";
    /// <summary><c>guardrail check</c>: a recorded exchange without an answer (only its prompt was checked).</summary>
    public const string NoResponse = "no-response";
    /// <summary><c>guardrail check</c>: an input line that is not an exchange.</summary>
    public const string InputParse = "input-parse";
    /// <summary>A route names an API (metadata <c>GuardrailApi</c>) no adapter has; the request is refused.</summary>
    public const string UnknownApi = "unknown-api";
    /// <summary>Buffering the body would have taken the process past its in-flight budget (<c>Guardrail:InFlightBytes</c>).</summary>
    public const string MemoryBudget = "memory-budget";
    /// <summary>The route's policy says <c>checks: none</c>: nothing was read.</summary>
    public const string Passthrough = "passthrough";
    /// <summary>A check failed; <c>check-error:NAME</c> names it.</summary>
    public const string CheckError = "check-error";

    /// <summary>Every code the guard itself writes, so metrics can start each at zero.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        UnsupportedPath, RequestUnreadable, RequestTooLarge, RequestEncoding, ResponseUnreadable, ResponseTooLarge,
        ResponseTruncated, UnsupportedContentEncoding, UnsupportedContentType, UpstreamError, UpstreamUnavailable,
        ClientDisconnected, StreamUnknownEvent, StreamUnreadableEvent, StreamEventTooLarge, StreamIncomplete,
        NonTextContent, UnknownPolicy, UnknownApi, Passthrough, MemoryBudget,
    ];

    /// <summary>The code of a failed check: <c>check-error:NAME</c> (a bounded label: detector names are known at start).</summary>
    public static string CheckErrorOf(string check) => $"{CheckError}:{check}";
}
