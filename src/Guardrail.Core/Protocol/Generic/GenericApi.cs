using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Guardrail.Protocol.Generic;

/// <summary>
/// Where one JSON API keeps its texts, as configured (<c>Guardrail:Apis:&lt;name&gt;</c>): the request paths it
/// answers and the JSON paths of its prompt, answer, stream deltas and sources. Built once at startup, immutable.
/// </summary>
public sealed partial class GenericApi
{
    private GenericApi(string name)
    {
        Name = name;
    }

    /// <summary>The adapter name routes select it by (metadata <c>GuardrailApi</c>).</summary>
    public string Name { get; }

    /// <summary>Normalised path suffixes it recognises; empty when only route metadata selects it.</summary>
    public IReadOnlyList<string> Paths { get; private init; } = [];

    /// <summary>Where the prompt texts are.</summary>
    public IReadOnlyList<JsonPath> Prompt { get; private init; } = [];

    /// <summary>Where a buffered answer's texts are.</summary>
    public IReadOnlyList<JsonPath> Answer { get; private init; } = [];

    /// <summary>Where the text deltas are in each streamed event (SSE data or NDJSON line).</summary>
    public IReadOnlyList<JsonPath> StreamDelta { get; private init; } = [];

    /// <summary>The request's boolean stream flag, if the API has one.</summary>
    public JsonPath? Stream { get; private init; }

    /// <summary>A boolean in a streamed event that is <c>true</c> on the last one (Ollama <c>$.done</c>), if the API has one.</summary>
    public JsonPath? StreamEnd { get; private init; }

    /// <summary>Where the request carries grounding sources (each string is one source).</summary>
    public IReadOnlyList<JsonPath> Sources { get; private init; } = [];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    /// <summary>
    /// Builds the definition named <paramref name="name"/>; false with every problem listed (each prefixed by
    /// <paramref name="where"/>, e.g. <c>Guardrail:Apis:ollama</c>) when any path is outside the supported subset.
    /// </summary>
    public static bool TryCreate(string name, string where, GenericApiSettings settings, [NotNullWhen(true)] out GenericApi? api, out IReadOnlyList<string> errors)
    {
        var list = new List<string>();
        if (!NamePattern().IsMatch(name)) list.Add($"{where}: the name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        var paths = new List<string>();
        for (var i = 0; i < settings.Paths.Count; i++)
        {
            if (settings.Paths[i] is { Length: > 1 } p && p[0] == '/') paths.Add(RequestPath.Normalize(p));
            else list.Add($"{where}:Paths[{i}] '{settings.Paths[i]}' must be a path suffix starting with '/'.");
        }
        var prompt = Parse(settings.Prompt, $"{where}:Prompt", required: true, list);
        var answer = Parse(settings.Answer, $"{where}:Answer", required: true, list);
        var delta = Parse(settings.StreamDelta, $"{where}:StreamDelta", required: false, list);
        var sources = Parse(settings.Sources, $"{where}:Sources", required: false, list);
        var stream = ParseOne(settings.Stream, $"{where}:Stream", list);
        var end = ParseOne(settings.StreamEnd, $"{where}:StreamEnd", list);
        errors = list;
        api = list.Count > 0 ? null : new GenericApi(name)
        {
            Paths = paths,
            Prompt = prompt,
            Answer = answer,
            StreamDelta = delta,
            Stream = stream,
            StreamEnd = end,
            Sources = sources,
        };
        return api is not null;
    }

    private static List<JsonPath> Parse(IReadOnlyList<string> texts, string where, bool required, List<string> errors)
    {
        if (required && texts.Count == 0) errors.Add($"{where} needs at least one JSON path (e.g. \"$.prompt\").");
        var paths = new List<JsonPath>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (JsonPath.TryParse(texts[i], out var path, out var error)) paths.Add(path);
            else errors.Add(Refusal($"{where}[{i}]", texts[i], error));
        }
        return paths;
    }

    private static JsonPath? ParseOne(string? text, string where, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (JsonPath.TryParse(text, out var path, out var error)) return path;
        errors.Add(Refusal(where, text, error));
        return null;
    }

    private static string Refusal(string where, string? text, string error) =>
        $"{where} '{text}' is not a supported JSON path ({error}); supported: {JsonPath.Supported}.";
}

/// <summary>
/// The raw configuration of a <see cref="GenericApi"/>, before its paths are parsed; settable, so configuration binds
/// it. Paths use the subset <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[n]</c>, <c>[*]</c>.
/// </summary>
public class GenericApiSettings
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
}
