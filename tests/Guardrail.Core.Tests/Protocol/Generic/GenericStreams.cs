using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Core.Tests.Streaming;
using Guardrail.Policies;
using Guardrail.Protocol.Generic;
using Guardrail.Protocol.Sse;
using Guardrail.Streaming;

namespace Guardrail.Core.Tests.Protocol.Generic;

/// <summary>Builds generic streams (SSE and NDJSON) and reads what a client would see of them.</summary>
internal static class GenericStreams
{
    public static string SseDelta(string text) => $"data: {new JsonObject { ["id"] = "e", ["delta"] = new JsonObject { ["text"] = text } }.ToJsonString()}\n\n";

    public static string SseStream(params string[] pieces) =>
        "data: {\"id\":\"e\",\"type\":\"start\"}\n\n" + string.Concat(pieces.Select(SseDelta)) + "data: [DONE]\n\n";

    public static string Line(string text, bool done = false) =>
        new JsonObject { ["model"] = "llama3", ["response"] = text, ["done"] = done }.ToJsonString() + "\n";

    /// <summary>Ollama's shape: one line per piece, then a done line with stats and no text.</summary>
    public static string NdjsonStream(params string[] pieces) =>
        string.Concat(pieces.Select(p => Line(p))) + """{"model":"llama3","response":"","done":true,"done_reason":"stop","eval_count":9}""" + "\n";

    public static StreamGuard Guard(GenericApi api, StreamingMode mode, FakeInspector inspector, bool ndjson) =>
        new(mode, inspector, "Withheld.", new GenericStreamCodec(api, ndjson), 1, ndjson ? new NdjsonParser() : new SseParser());

    /// <summary>Feeds the upstream in pieces of <paramref name="size"/> bytes, then completes it.</summary>
    public static string Run(StreamGuard guard, string upstream, int size = 0) => SseStreams.Run(guard, upstream, size);

    /// <summary>The JSON objects a client reads: SSE data (not [DONE]) or NDJSON lines.</summary>
    public static List<JsonObject> Objects(string output, bool ndjson)
    {
        var lines = ndjson
            ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList()
            : SseStreams.Events(output).Where(e => e.HasData && !e.IsDone).Select(e => e.Data).ToList();
        return lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }

    /// <summary>The text a client accumulates from the values at <paramref name="field"/> (dot path).</summary>
    public static string Shown(string output, bool ndjson, string field) => string.Concat(Objects(output, ndjson).Select(o => At(o, field)).OfType<string>());

    private static string? At(JsonObject o, string field)
    {
        JsonNode? node = o;
        foreach (var part in field.Split('.')) node = node is JsonObject obj ? obj[part] : null;
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    public static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    public static string Written(Action<ArrayBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
