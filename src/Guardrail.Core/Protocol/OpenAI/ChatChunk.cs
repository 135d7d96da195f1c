using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Guardrail.Protocol.OpenAI;

/// <summary>A parsed <c>chat.completion.chunk</c>, the data of one streamed event.</summary>
public sealed class ChatChunk
{
    private readonly string _data;
    private JsonObject? _root;
    private readonly bool _textOnly; // nothing but text, so WithoutContent is null (known only from the fast read)

    private ChatChunk(string data, JsonObject? root, List<ChatChunkChoice> choices, bool textOnly)
    {
        _data = data;
        _root = root;
        _textOnly = textOnly;
        Choices = choices;
        foreach (var c in choices)
        {
            HasContent |= !string.IsNullOrEmpty(c.Content);
            HasFinish |= c.FinishReason is not null;
        }
    }

    /// <summary>The whole chunk, unknown fields preserved.</summary>
    /// <remarks>Built on first use: the stream guard needs it only for the few chunks it holds or changes.</remarks>
    public JsonObject Root => _root ??= JsonNode.Parse(_data)!.AsObject();

    /// <summary>The chunk's choices in wire order.</summary>
    public IReadOnlyList<ChatChunkChoice> Choices { get; }

    /// <summary>True when some choice's delta carries non-empty text.</summary>
    public bool HasContent { get; }

    /// <summary>True when some choice ends in this chunk.</summary>
    public bool HasFinish { get; }

    /// <summary>Parses an event's data; false for anything that is not a chat chunk (errors, other JSON, non-JSON).</summary>
    public static bool TryParse(string data, [NotNullWhen(true)] out ChatChunk? chunk) => TryParse(data, null, out chunk);

    /// <summary>As <see cref="TryParse(string, out ChatChunk?)"/>, and lets <paramref name="template"/> observe the chunk when it parses.</summary>
    internal static bool TryParse(string data, ChatChunkTemplate? template, [NotNullWhen(true)] out ChatChunk? chunk)
    {
        try
        {
            if (TryRead(data, template, out chunk)) return true;
        }
        catch (JsonException)
        {
            chunk = null;
            return false; // not JSON: the tree parse would throw the same (non-JSON data such as [DONE] costs one throw, not two)
        }
        catch (InvalidOperationException)
        {
            // A string the reader cannot decode; the tree parse decides.
        }
        return TryParseTree(data, template, out chunk);
    }

    // The fast path (ChatChunkReader); false sends the data to the tree parse, which has the last word.
    internal static bool TryRead(string data, ChatChunkTemplate? template, [NotNullWhen(true)] out ChatChunk? chunk)
    {
        chunk = null;
        byte[]? rented = null;
        var utf8 = data.Length <= 256 ? stackalloc byte[768] : (rented = ArrayPool<byte>.Shared.Rent(data.Length * 3));
        try
        {
            // A lone surrogate makes the tree parse fail, so it goes there rather than being replaced here.
            if (Utf8.FromUtf16(data, utf8, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done) return false;
            var json = utf8[..written];
            Span<int> fields = stackalloc int[ChatChunkReader.CopiedFields.Length * 2];
            fields.Fill(-1);
            var choices = new List<ChatChunkChoice>(1);
            if (!ChatChunkReader.TryRead(json, choices, fields, out var hasUsage, out var textOnly)) return false;
            template?.Observe(json, fields);
            chunk = new ChatChunk(data, null, choices, textOnly && !hasUsage);
            return true;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal static bool TryParseTree(string data, ChatChunkTemplate? template, [NotNullWhen(true)] out ChatChunk? chunk)
    {
        chunk = null;
        JsonObject root;
        try
        {
            if (JsonNode.Parse(data) is not JsonObject o) return false;
            root = o;
            // Azure sends a first chunk with "object": "" carrying prompt filter results.
            if (root["object"] is not null && JsonBody.String(root["object"]) is not ("chat.completion.chunk" or "")) return false;
            if (root["choices"] is not JsonArray array) return false;
            var choices = new List<ChatChunkChoice>(array.Count);
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject c) return false;
                var delta = c["delta"] as JsonObject;
                var content = JsonBody.String(delta?["content"]);
                var other = delta is not null && delta.Any(p => p.Key != "content" && p.Value is not null);
                choices.Add(new ChatChunkChoice(ChatCompletionReader.ChoiceIndex(c, i), content, JsonBody.String(c["finish_reason"]), other));
            }
            chunk = new ChatChunk(data, root, choices, textOnly: false);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return false; // duplicate keys and similar surface lazily from JsonNode
        }
        template?.Observe(root);
        return true;
    }

    /// <summary>
    /// A copy without delta text (content, refusal, reasoning, tool-call arguments): choices left with nothing else to
    /// say are dropped, and null is returned when nothing at all remains. Used to forward roles, tool-call headers and
    /// finish reasons while text is withheld.
    /// </summary>
    public JsonObject? WithoutContent()
    {
        if (_textOnly) return null; // the usual text chunk: no need to copy it only to find nothing left
        var copy = Root.DeepClone().AsObject();
        var choices = copy["choices"]!.AsArray();
        for (var i = choices.Count - 1; i >= 0; i--)
        {
            var choice = choices[i]!.AsObject();
            if (choice["delta"] is not JsonObject delta || !ChatDeltaText.Remove(delta)) continue;
            var keep = delta.Any(p => p.Value is not null) || choice["finish_reason"] is not null;
            if (!keep) choices.RemoveAt(i);
        }
        if (choices.Count == 0 && copy["usage"] is null) return null;
        return copy;
    }
}
