using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.Sse;

/// <summary>Writes server-sent events in the form OpenAI streams use.</summary>
public static class SseWriter
{
    /// <summary>Writes <c>data: &lt;compact json&gt;\n\n</c>.</summary>
    public static void WriteJson(IBufferWriter<byte> output, JsonNode data)
    {
        output.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(output, WireJson.Writer))
        {
            data.WriteTo(writer);
        }
        output.Write("\n\n"u8);
    }

    /// <summary>Writes <c>event: NAME\ndata: &lt;compact json&gt;\n\n</c>, as Anthropic and OpenAI Responses stream.</summary>
    public static void WriteEvent(IBufferWriter<byte> output, string name, JsonNode data)
    {
        output.Write("event: "u8);
        output.Write(System.Text.Encoding.UTF8.GetBytes(name));
        output.Write("\n"u8);
        WriteJson(output, data);
    }

    /// <summary>Writes OpenAI's end-of-stream sentinel <c>data: [DONE]\n\n</c>.</summary>
    public static void WriteDone(IBufferWriter<byte> output) => output.Write("data: [DONE]\n\n"u8);

    /// <summary>Writes bytes unchanged, e.g. an event's <see cref="SseEvent.Raw"/>.</summary>
    public static void WriteRaw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
