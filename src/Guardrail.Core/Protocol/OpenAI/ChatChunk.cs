using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrail.Protocol.OpenAI;

/// <summary>A parsed <c>chat.completion.chunk</c>, the data of one streamed event.</summary>
public sealed class ChatChunk
{
    private ChatChunk(JsonObject root, IReadOnlyList<ChatChunkChoice> choices)
    {
        Root = root;
        Choices = choices;
    }

    /// <summary>The whole chunk, unknown fields preserved.</summary>
    public JsonObject Root { get; }

    /// <summary>The chunk's choices in wire order.</summary>
    public IReadOnlyList<ChatChunkChoice> Choices { get; }

    /// <summary>True when some choice's delta carries non-empty text.</summary>
    public bool HasContent => Choices.Any(c => !string.IsNullOrEmpty(c.Content));

    /// <summary>True when some choice ends in this chunk.</summary>
    public bool HasFinish => Choices.Any(c => c.FinishReason is not null);

    /// <summary>Parses an event's data; false for anything that is not a chat chunk (errors, other JSON, non-JSON).</summary>
    public static bool TryParse(string data, [NotNullWhen(true)] out ChatChunk? chunk)
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
            chunk = new ChatChunk(root, choices);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return false; // duplicate keys and similar surface lazily from JsonNode
        }
    }

    /// <summary>
    /// A copy without delta text: choices left with nothing else to say are dropped, and null is returned when
    /// nothing at all remains. Used to forward roles, tool calls and finish reasons while text is withheld.
    /// </summary>
    public JsonObject? WithoutContent()
    {
        var copy = Root.DeepClone().AsObject();
        var choices = copy["choices"]!.AsArray();
        for (var i = choices.Count - 1; i >= 0; i--)
        {
            var choice = choices[i]!.AsObject();
            if (choice["delta"] is not JsonObject delta || JsonBody.String(delta["content"]) is not { Length: > 0 }) continue;
            delta.Remove("content");
            var keep = delta.Any(p => p.Value is not null) || choice["finish_reason"] is not null;
            if (!keep) choices.RemoveAt(i);
        }
        if (choices.Count == 0 && copy["usage"] is null) return null;
        return copy;
    }
}
