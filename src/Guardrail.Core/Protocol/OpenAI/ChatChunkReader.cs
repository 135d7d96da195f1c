using System.Text.Json;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Reads the usual shape of a chat chunk straight from UTF-8, without building a JSON tree.</summary>
/// <remarks>
/// Every streamed event is parsed, and almost all of them only carry text. Building a JsonNode tree for each one
/// cost more than the rest of the stream guard's work. This reader accepts a chunk only when the tree-based parse
/// in <see cref="ChatChunk"/> would accept it with the same result. For anything unusual it returns false and the
/// caller falls back to that parse, which decides as before. Unusual means: escaped or duplicate property names
/// where the tree parse looks, an <c>object</c> other than a chunk's, choices that are not objects, an identity
/// field holding an object or array.
/// </remarks>
internal static class ChatChunkReader
{
    /// <summary>The top-level fields a <see cref="ChatChunkTemplate"/> copies, in the order it copies them.</summary>
    public static readonly string[] CopiedFields = ["id", "object", "created", "model", "system_fingerprint", "service_tier"];

    private static readonly byte[][] CopiedFieldsUtf8 = [.. CopiedFields.Select(System.Text.Encoding.UTF8.GetBytes)];

    private const int MaxNames = 32; // per object; an object with more goes to the tree parse
    private const int ObjectField = 1;

    /// <summary>
    /// Reads <paramref name="json"/> into <paramref name="choices"/>. <paramref name="fields"/> receives the start and
    /// end offset of each copied field's value (left as is when absent). <paramref name="textOnly"/> is true when every
    /// choice carries only non-empty text, so that nothing is left once the text is removed.
    /// </summary>
    /// <exception cref="JsonException">The data is not valid JSON; the tree parse, reading with the same options, fails too.</exception>
    /// <exception cref="InvalidOperationException">A string cannot be read (an escaped lone surrogate).</exception>
    public static bool TryRead(ReadOnlySpan<byte> json, List<ChatChunkChoice> choices, Span<int> fields, out bool hasUsage, out bool textOnly)
    {
        hasUsage = false;
        textOnly = true;
        // Default options, as JsonNode.Parse uses: depth 64, no comments, no trailing commas.
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        Span<int> names = stackalloc int[MaxNames * 2];
        var count = 0;
        var sawChoices = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!AddName(ref reader, json, names, ref count)) return false;
            if (reader.ValueTextEquals("choices"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
                if (!ReadChoices(ref reader, json, choices, ref textOnly)) return false;
                sawChoices = true;
                continue;
            }
            var field = FieldIndex(ref reader);
            var isUsage = reader.ValueTextEquals("usage"u8);
            reader.Read();
            if (isUsage) hasUsage = reader.TokenType != JsonTokenType.Null;
            if (field == ObjectField && reader.TokenType != JsonTokenType.Null
                && !(reader.TokenType == JsonTokenType.String
                     && (reader.ValueTextEquals("chat.completion.chunk"u8) || reader.ValueTextEquals(""u8)))) return false;
            if (field >= 0 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) return false;
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (field < 0) continue;
            fields[2 * field] = start;
            fields[2 * field + 1] = (int)reader.BytesConsumed;
        }
        // Anything but white space after the object throws here, as it makes the tree parse fail.
        return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && sawChoices;
    }

    private static bool ReadChoices(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, List<ChatChunkChoice> choices, ref bool textOnly)
    {
        Span<int> names = stackalloc int[MaxNames * 2];
        Span<int> deltaNames = stackalloc int[MaxNames * 2];
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            int? index = null;
            string? content = null, finishReason = null;
            bool other = false, finishPresent = false;
            var count = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!AddName(ref reader, json, names, ref count)) return false;
                if (reader.ValueTextEquals("delta"u8))
                {
                    reader.Read();
                    // A delta that is not an object carries neither text nor anything else.
                    if (reader.TokenType == JsonTokenType.StartObject && !ReadDelta(ref reader, json, deltaNames, out content, out other)) return false;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("index"u8))
                {
                    reader.Read();
                    // Same test as JsonBody.Int: a number that fits an int, else the choice's position.
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var i)) index = i;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    reader.Read();
                    finishPresent = reader.TokenType != JsonTokenType.Null;
                    if (reader.TokenType == JsonTokenType.String) finishReason = reader.GetString();
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            choices.Add(new ChatChunkChoice(index ?? choices.Count, content, finishReason, other));
            textOnly &= !string.IsNullOrEmpty(content) && !other && !finishPresent;
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    // Leaves the reader on the delta's EndObject.
    private static bool ReadDelta(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, scoped Span<int> names, out string? content, out bool other)
    {
        content = null;
        other = false;
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!AddName(ref reader, json, names, ref count)) return false;
            var isContent = reader.ValueTextEquals("content"u8);
            reader.Read();
            if (isContent && reader.TokenType == JsonTokenType.String) content = reader.GetString();
            else if (!isContent && reader.TokenType != JsonTokenType.Null) other = true;
            reader.Skip();
        }
        return true;
    }

    // The tree parse fails on duplicate names; comparing raw bytes only works for names without escapes.
    private static bool AddName(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, scoped Span<int> names, ref int count)
    {
        if (reader.ValueIsEscaped || count == MaxNames) return false;
        var name = reader.ValueSpan;
        for (var i = 0; i < count; i++)
        {
            if (json.Slice(names[2 * i], names[2 * i + 1]).SequenceEqual(name)) return false;
        }
        names[2 * count] = (int)reader.TokenStartIndex + 1; // past the opening quote
        names[2 * count + 1] = name.Length;
        count++;
        return true;
    }

    private static int FieldIndex(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < CopiedFieldsUtf8.Length; i++)
        {
            if (reader.ValueTextEquals(CopiedFieldsUtf8[i])) return i;
        }
        return -1;
    }
}
