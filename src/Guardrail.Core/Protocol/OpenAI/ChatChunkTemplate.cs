using System.Text.Json.Nodes;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Builds synthetic chunks that look like the upstream's own (same id, model, created…).</summary>
public sealed class ChatChunkTemplate
{
    private static readonly string[] CopiedFields = ["id", "object", "created", "model", "system_fingerprint", "service_tier"];

    // Used until the upstream sent a chunk; the SDKs require id, object, created and model.
    private readonly JsonObject _fields = new()
    {
        ["id"] = "chatcmpl-guardrail",
        ["object"] = "chat.completion.chunk",
        ["created"] = 0,
        ["model"] = "",
    };

    /// <summary>Copies the identifying fields of a chunk the upstream sent; the last one seen wins.</summary>
    public void Observe(JsonObject chunk)
    {
        foreach (var name in CopiedFields)
        {
            if (chunk.TryGetPropertyValue(name, out var value)) _fields[name] = value?.DeepClone();
        }
    }

    /// <summary>A chunk with one choice; null content gives an empty delta.</summary>
    public JsonObject Build(int choiceIndex, string? content, string? finishReason, JsonObject? extra = null) =>
        Build([(choiceIndex, content, finishReason)], extra);

    /// <summary>A chunk with the given choices and extra top-level fields (e.g. <c>guardrail</c>).</summary>
    public JsonObject Build(IEnumerable<(int Index, string? Content, string? FinishReason)> choices, JsonObject? extra = null)
    {
        var chunk = new JsonObject();
        foreach (var (name, value) in _fields) chunk[name] = value?.DeepClone();
        // Azure's prompt-filter chunk has object ""; what we write is always a chunk.
        chunk["object"] = "chat.completion.chunk";
        var array = new JsonArray();
        foreach (var (index, content, finishReason) in choices)
        {
            var delta = new JsonObject();
            if (content is not null) delta["content"] = content;
            array.Add(new JsonObject
            {
                ["index"] = index,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            });
        }
        chunk["choices"] = array;
        if (extra is not null)
        {
            foreach (var (name, value) in extra) chunk[name] = value?.DeepClone();
        }
        return chunk;
    }
}
