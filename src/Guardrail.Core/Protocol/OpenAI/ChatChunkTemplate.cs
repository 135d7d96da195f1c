using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Protocol.Sse;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Builds synthetic chunks that look like the upstream's own (same id, model, created…).</summary>
public sealed class ChatChunkTemplate
{
    private static readonly string[] CopiedFields = ChatChunkReader.CopiedFields;

    // Used until the upstream sent a chunk; the SDKs require id, object, created and model.
    private readonly JsonObject _fields = new()
    {
        ["id"] = "chatcmpl-guardrail",
        ["object"] = "chat.completion.chunk",
        ["created"] = 0,
        ["model"] = "",
    };

    // The raw JSON each field last had, per CopiedFields: upstreams repeat the same id and model on every chunk,
    // so a value is parsed only when its bytes change. Null when unknown (first chunk, or set from a tree).
    private readonly byte[]?[] _raw = new byte[CopiedFields.Length][];
    private Utf8JsonWriter? _writer;

    /// <summary>Copies the identifying fields of a chunk the upstream sent; the last one seen wins.</summary>
    public void Observe(JsonObject chunk)
    {
        for (var i = 0; i < CopiedFields.Length; i++)
        {
            if (!chunk.TryGetPropertyValue(CopiedFields[i], out var value)) continue;
            _fields[CopiedFields[i]] = value?.DeepClone();
            _raw[i] = null;
        }
    }

    /// <summary>As <see cref="Observe(JsonObject)"/> for a chunk read by <see cref="ChatChunkReader"/>: start and end offsets per copied field, -1 when absent.</summary>
    internal void Observe(ReadOnlySpan<byte> json, ReadOnlySpan<int> ranges)
    {
        for (var i = 0; i < CopiedFields.Length; i++)
        {
            if (ranges[2 * i] < 0) continue;
            var raw = json[ranges[2 * i]..ranges[2 * i + 1]];
            if (_raw[i] is { } seen && raw.SequenceEqual(seen)) continue;
            _raw[i] = raw.ToArray();
            _fields[CopiedFields[i]] = JsonNode.Parse(raw);
        }
    }

    /// <summary>
    /// Writes the event <c>SseWriter.WriteJson(output, Build(choiceIndex, content, null))</c> would, byte for byte,
    /// without building and copying a tree: hold-back releases every sentence this way.
    /// </summary>
    internal void WriteText(IBufferWriter<byte> output, int choiceIndex, string content)
    {
        output.Write("data: "u8);
        var writer = _writer ??= new Utf8JsonWriter(output, Verdicts.WireJson.Writer);
        writer.Reset(output);
        writer.WriteStartObject();
        foreach (var (name, value) in _fields)
        {
            writer.WritePropertyName(name);
            if (name == "object") writer.WriteStringValue("chat.completion.chunk"); // as Build does
            else if (value is null) writer.WriteNullValue();
            else value.WriteTo(writer);
        }
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", choiceIndex);
        writer.WriteStartObject("delta");
        writer.WriteString("content", content);
        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        writer.WriteNull("finish_reason");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        output.Write("\n\n"u8);
    }

    /// <summary>A chunk with one choice; null content gives an empty delta.</summary>
    public JsonObject Build(int choiceIndex, string? content, string? finishReason, JsonObject? extra = null) =>
        Build([(choiceIndex, content, finishReason)], extra);

    /// <summary>
    /// A chunk with the given choices and extra top-level fields (e.g. <c>guardrail</c>); each choice's text goes in the
    /// delta's <paramref name="textField"/> (<c>content</c>, or <c>refusal</c> for a withheld structured answer).
    /// </summary>
    public JsonObject Build(IEnumerable<(int Index, string? Content, string? FinishReason)> choices, JsonObject? extra = null, string textField = "content")
    {
        var chunk = new JsonObject();
        foreach (var (name, value) in _fields) chunk[name] = value?.DeepClone();
        // Azure's prompt-filter chunk has object ""; what we write is always a chunk.
        chunk["object"] = "chat.completion.chunk";
        var array = new JsonArray();
        foreach (var (index, content, finishReason) in choices)
        {
            var delta = new JsonObject();
            if (content is not null) delta[textField] = content;
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
