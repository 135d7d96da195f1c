using Guardrail.Protocol.Generic;

namespace Guardrail.AspNetCore.Hosting;

/// <summary>
/// One JSON API read by JSON paths (configuration section <c>Guardrail:Apis:&lt;name&gt;</c>); the name is the
/// adapter's, which routes select with metadata <c>GuardrailApi</c>. Paths use the subset <c>$</c>, <c>.name</c>,
/// <c>['name']</c>, <c>[n]</c>, <c>[*]</c>; anything else fails at startup.
/// </summary>
public sealed class GenericApiOptions
{
    /// <summary>Path suffixes (POST) this API answers, e.g. <c>/api/generate</c>. Default none: only routes naming it use it.</summary>
    public List<string> Paths { get; set; } = [];

    /// <summary>Where the prompt texts are, e.g. <c>$.prompt</c>, <c>$.messages[*].content</c>. Required.</summary>
    public List<string> Prompt { get; set; } = [];

    /// <summary>Where a buffered answer's texts are, e.g. <c>$.response</c>. Required.</summary>
    public List<string> Answer { get; set; } = [];

    /// <summary>Where the text deltas are in each streamed event (SSE data or NDJSON line). Default none: streams are unchecked.</summary>
    public List<string> StreamDelta { get; set; } = [];

    /// <summary>The request's boolean stream flag, e.g. <c>$.stream</c>. Optional.</summary>
    public string? Stream { get; set; }

    /// <summary>A boolean that is true in the last streamed event, e.g. Ollama's <c>$.done</c>; without it an SSE stream ends with <c>[DONE]</c>. Optional.</summary>
    public string? StreamEnd { get; set; }

    /// <summary>Where the request carries grounding sources (each string one source, numbered from 1). Optional.</summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>The settings the Core definition is built from.</summary>
    public GenericApiSettings ToSettings() => new()
    {
        Paths = Paths,
        Prompt = Prompt,
        Answer = Answer,
        StreamDelta = StreamDelta,
        Stream = Stream,
        StreamEnd = StreamEnd,
        Sources = Sources,
    };
}
