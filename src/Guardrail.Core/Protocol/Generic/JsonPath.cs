using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Guardrail.Protocol.Generic;

/// <summary>
/// A small JSONPath subset that names where a generic API keeps its texts: <c>$</c>, <c>.name</c>, <c>['name']</c>,
/// <c>[n]</c> and <c>[*]</c>. Anything else (filters, slices, recursive descent, scripts) is refused when the
/// configuration is read, so a path never means something other than what it says.
/// </summary>
public sealed partial class JsonPath
{
    /// <summary>The syntax this subset accepts, for error messages.</summary>
    public const string Supported = "$, .name, ['name'], [n], [*]";

    private JsonPath(string text, IReadOnlyList<JsonPathSegment> segments)
    {
        Text = text;
        Segments = segments;
    }

    /// <summary>A path made of the given steps (e.g. a match's concrete location).</summary>
    public JsonPath(IReadOnlyList<JsonPathSegment> segments) : this("$" + string.Concat(segments.Select(s => s.ToString())), segments)
    {
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Its steps after <c>$</c>.</summary>
    public IReadOnlyList<JsonPathSegment> Segments { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Parses <paramref name="text"/>; false with a reason (position included) for anything outside the subset.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        if (!Parser.TryParse(text?.Trim() ?? "", out var segments, out error)) return false;
        path = new JsonPath(text!.Trim(), segments);
        return true;
    }

    /// <summary>Every value the path selects in <paramref name="root"/>, in document order; none when a step finds nothing.</summary>
    public List<JsonPathMatch> Select(JsonNode root)
    {
        var current = new List<JsonPathMatch> { new(root, null, []) };
        foreach (var segment in Segments)
        {
            var next = new List<JsonPathMatch>();
            foreach (var match in current) Step(match, segment, next);
            if (next.Count == 0) return next;
            current = next;
        }
        return current;
    }

    private static void Step(JsonPathMatch match, JsonPathSegment segment, List<JsonPathMatch> next)
    {
        switch (match.Value, segment.Kind)
        {
            case (JsonObject o, JsonPathSegmentKind.Name):
                if (o.TryGetPropertyValue(segment.Name!, out var child)) next.Add(Child(match, child, o, segment));
                break;
            case (JsonArray a, JsonPathSegmentKind.Index):
                if (segment.Index < a.Count) next.Add(Child(match, a[segment.Index], a, segment));
                break;
            case (JsonArray a, JsonPathSegmentKind.Wildcard):
                for (var i = 0; i < a.Count; i++) next.Add(Child(match, a[i], a, new JsonPathSegment(JsonPathSegmentKind.Index, Index: i)));
                break;
            case (JsonObject o, JsonPathSegmentKind.Wildcard):
                foreach (var (name, value) in o) next.Add(Child(match, value, o, new JsonPathSegment(JsonPathSegmentKind.Name, name)));
                break;
        }
    }

    private static JsonPathMatch Child(JsonPathMatch parent, JsonNode? value, JsonNode container, JsonPathSegment step) =>
        new(value, container, [.. parent.Segments, step]);

    /// <summary>
    /// Sets <paramref name="value"/> at this path in <paramref name="root"/>, creating missing objects on the way (an
    /// index 0 or <c>[*]</c> step creates a one-element array). False when the path cannot be built there.
    /// </summary>
    public bool TryCreate(JsonObject root, JsonNode? value)
    {
        if (Segments.Count == 0) return false;
        JsonNode node = root;
        for (var i = 0; i < Segments.Count; i++)
        {
            var segment = Segments[i];
            var last = i == Segments.Count - 1;
            JsonNode? Fresh() => last ? value : Segments[i + 1].Kind == JsonPathSegmentKind.Name ? new JsonObject() : new JsonArray();
            switch (node, segment.Kind)
            {
                case (JsonObject o, JsonPathSegmentKind.Name):
                    if (last || o[segment.Name!] is null) o[segment.Name!] = Fresh();
                    if (last) return true;
                    node = o[segment.Name!]!;
                    break;
                case (JsonArray a, JsonPathSegmentKind.Index or JsonPathSegmentKind.Wildcard) when segment.Index == 0:
                    if (a.Count == 0) a.Add(Fresh());
                    else if (last) a[0] = value;
                    if (last) return true;
                    if (a[0] is not { } first) return false;
                    node = first;
                    break;
                default:
                    return false;
            }
        }
        return false;
    }
}
