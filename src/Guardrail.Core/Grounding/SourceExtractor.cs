using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrail.Grounding;

/// <summary>
/// Finds the sources a Chat Completions request supplies (DESIGN §5): the <c>guardrail.sources</c> extension field,
/// <c>tool</c> messages, tagged blocks and numbered lists under a "Sources" heading in system and user messages.
/// Never throws on odd input: what it cannot use is skipped and noted in <see cref="SourceSet.Notes"/>.
/// </summary>
/// <remarks>
/// Ids: the extension's <c>id</c> or its position in the list; a tool message's <c>tool_call_id</c> or its position
/// among tool messages; a tag's <c>id</c> or <c>index</c> attribute or its position among tagged blocks; a list item's
/// number. The extension is read first, then messages in order; a repeated id keeps the first source.
/// </remarks>
public static class SourceExtractor
{
    /// <summary>The request's extension field (<c>guardrail.sources</c>); upstreams reject unknown fields, so it is stripped.</summary>
    public const string ExtensionField = "guardrail";

    /// <summary>Every source in <paramref name="request"/>; null when it supplies none.</summary>
    public static SourceSet? Extract(JsonObject request, SourceOptions? options = null) => ExtractWith(request, options, null);

    /// <summary>
    /// As <see cref="Extract(JsonObject, SourceOptions?)"/>, then <paramref name="more"/> adds the sources an adapter
    /// reads from its API's own blocks (Anthropic <c>document</c> blocks) under the same limits.
    /// </summary>
    internal static SourceSet? ExtractWith(JsonObject request, SourceOptions? options, Action<SourceCollector>? more)
    {
        options ??= SourceOptions.Default;
        var collector = new SourceCollector(options);
        Extension(request, collector);
        if (request["messages"] is JsonArray messages) Messages(messages, options, collector);
        more?.Invoke(collector);
        return collector.Build();
    }

    /// <summary>Removes the <c>guardrail</c> extension field; true when there was one.</summary>
    public static bool StripExtension(JsonObject request) => request.Remove(ExtensionField);

    private static void Extension(JsonObject request, SourceCollector collector)
    {
        if (request[ExtensionField] is not JsonObject ext || ext["sources"] is not { } node) return;
        if (node is not JsonArray list)
        {
            collector.Note("guardrail.sources is not a list; ignored");
            return;
        }
        for (var i = 0; i < list.Count; i++)
        {
            var origin = $"guardrail.sources[{i}]";
            if (list[i] is not JsonObject o || Scalar(o["text"]) is not { } text)
            {
                collector.Note($"{origin} has no text; ignored");
                continue;
            }
            collector.Add(Scalar(o["id"]), Scalar(o["title"]), Scalar(o["url"]), text, origin, i + 1);
        }
    }

    private static void Messages(JsonArray messages, SourceOptions options, SourceCollector collector)
    {
        var toolNames = ToolNames(messages);
        int tools = 0, tags = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message) continue;
            var origin = $"request.messages[{i}]";
            var role = Scalar(message["role"]);
            if (role is "tool" or "function")
            {
                tools++;
                var callId = Scalar(message["tool_call_id"]);
                var name = Scalar(message["name"]) ?? (callId is null ? null : toolNames.GetValueOrDefault(callId));
                collector.Add(callId, name, null, Text(message["content"]) ?? "", origin, tools);
                continue;
            }
            if (role is not ("system" or "developer" or "user") || Text(message["content"]) is not { } text) continue;
            AddTagged(text, origin, options, collector, ref tags);
        }
    }

    /// <summary>
    /// Adds the tagged blocks and the numbered list under a "Sources" heading of one instruction or user text at
    /// <paramref name="origin"/>; <paramref name="tags"/> counts tagged blocks across the request, for their ids.
    /// </summary>
    internal static void AddTagged(string text, string origin, SourceOptions options, SourceCollector collector, ref int tags)
    {
        var blocks = TaggedSources.Find(text, options.SourceTags, note => collector.Note($"{origin}: {note}"));
        foreach (var b in blocks) collector.Add(b.Id, b.Title, b.Url, b.Text, origin, ++tags);
        foreach (var item in NumberedSources.Find(Without(text, blocks), options.SourcesHeading))
        {
            collector.Add(item.Number, null, item.Url, item.Text, origin, 0);
        }
    }

    // The function names of earlier assistant tool calls, so a tool result can carry its tool's name as a title.
    private static Dictionary<string, string> ToolNames(JsonArray messages)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in messages)
        {
            if (m is not JsonObject o || o["tool_calls"] is not JsonArray calls) continue;
            foreach (var call in calls)
            {
                if (call is JsonObject c && Scalar(c["id"]) is { } id && Scalar(c["function"]?["name"]) is { } name) names.TryAdd(id, name);
            }
        }
        return names;
    }

    // Message content: a string, or its text parts joined by line breaks (so a list split over parts stays a list).
    private static string? Text(JsonNode? content)
    {
        if (Scalar(content) is { } s) return s;
        if (content is not JsonArray parts) return null;
        var sb = new StringBuilder();
        foreach (var p in parts)
        {
            if (p is JsonObject o && Scalar(o["type"]) == "text" && Scalar(o["text"]) is { } t) sb.Append(sb.Length > 0 ? "\n" : "").Append(t);
        }
        return sb.ToString();
    }

    // Tagged blocks blanked, so a list inside a <source> block is not read a second time.
    private static string Without(string text, List<TaggedBlock> blocks)
    {
        if (blocks.Count == 0) return text;
        var chars = text.ToCharArray();
        foreach (var b in blocks) for (var k = b.Start; k < b.End; k++) if (chars[k] != '\n') chars[k] = ' ';
        return new string(chars);
    }

    // Strings as they are, numbers as written (an id of 2 is "2"); anything else is absent.
    private static string? Scalar(JsonNode? node) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        }
        : null;
}
