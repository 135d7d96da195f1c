using System.Text.Json.Nodes;

namespace Guardrail.Protocol.Generic;

/// <summary>One value a <see cref="JsonPath"/> selected, where it is and how to replace it.</summary>
public sealed class JsonPathMatch
{
    private readonly JsonNode? _parent;

    internal JsonPathMatch(JsonNode? value, JsonNode? parent, IReadOnlyList<JsonPathSegment> segments)
    {
        Value = value;
        _parent = parent;
        Segments = segments;
    }

    /// <summary>The selected value; null for a JSON <c>null</c>.</summary>
    public JsonNode? Value { get; }

    /// <summary>The concrete location: names and indices only, no wildcards.</summary>
    public IReadOnlyList<JsonPathSegment> Segments { get; }

    /// <summary>The location as a path suffix, e.g. <c>.messages[1].content</c> (empty for the root).</summary>
    public string Path => string.Concat(Segments.Select(s => s.ToString()));

    /// <summary>Replaces the value in its parent; false for the root, which has none.</summary>
    public bool Write(JsonNode? value)
    {
        if (Segments.Count == 0) return false;
        var last = Segments[^1];
        switch (_parent)
        {
            case JsonObject o when last.Kind == JsonPathSegmentKind.Name:
                o[last.Name!] = value;
                return true;
            case JsonArray a when last.Kind == JsonPathSegmentKind.Index && last.Index < a.Count:
                a[last.Index] = value;
                return true;
            default:
                return false;
        }
    }
}
