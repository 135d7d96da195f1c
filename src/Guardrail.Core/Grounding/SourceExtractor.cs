using System.Text.Json.Nodes;

namespace Guardrail.Grounding;

/// <summary>
/// Finds the sources a Chat Completions request supplies (DESIGN §5). Never throws on odd input: what it cannot
/// use is skipped and noted in <see cref="SourceSet.Notes"/>.
/// </summary>
public static class SourceExtractor
{
    /// <summary>The request's extension field (<c>guardrail.sources</c>); upstreams reject unknown fields, so it is stripped.</summary>
    public const string ExtensionField = "guardrail";

    /// <summary>Every source in <paramref name="request"/>; null when it supplies none.</summary>
    public static SourceSet? Extract(JsonObject request, SourceOptions? options = null)
    {
        options ??= SourceOptions.Default;
        var sources = new List<Source>();
        var notes = new List<string>();
        if (request[ExtensionField] is JsonObject ext && ext["sources"] is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is not JsonObject o || o["text"] is not JsonValue tv || !tv.TryGetValue<string>(out var text)) continue;
                var id = o["id"]?.ToString() ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                sources.Add(new Source(id, o["title"]?.ToString(), o["url"]?.ToString(), text, $"guardrail.sources[{i}]"));
            }
        }
        return sources.Count == 0 && notes.Count == 0 ? null : new SourceSet(sources, notes);
    }

    /// <summary>Removes the <c>guardrail</c> extension field; true when there was one.</summary>
    public static bool StripExtension(JsonObject request) => request.Remove(ExtensionField);
}
