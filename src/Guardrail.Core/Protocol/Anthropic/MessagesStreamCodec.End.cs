using System.Buffers;
using System.Text.Json.Nodes;
using Guardrail.Protocol.OpenAI;
using Guardrail.Protocol.Sse;

namespace Guardrail.Protocol.Anthropic;

public sealed partial class MessagesStreamCodec
{
    /// <inheritdoc/>
    public void WriteEnd(IBufferWriter<byte> output, StreamEnd end)
    {
        var last = -1;
        for (var i = 0; i < end.Held.Count; i++) if (IsMessageDelta(end.Held[i])) last = i;
        StreamRead? stop = null;
        for (var i = 0; i < end.Held.Count; i++)
        {
            var read = end.Held[i];
            if (read.Kind == StreamEventKind.End)
            {
                stop = read;
                continue;
            }
            if (i != last)
            {
                output.Write(read.Event.Raw.Span);
                continue;
            }
            var delta = (JsonObject)((JsonObject)read.State!).DeepClone();
            delta["guardrail"] = end.Verdict.DeepClone();
            SseWriter.WriteEvent(output, "message_delta", delta);
        }
        if (last < 0) SseWriter.WriteEvent(output, "message_delta", MessageDelta("end_turn", null, end.Verdict));
        // As OpenAI's [DONE]: written only when the upstream sent it, so a client can tell a stream that broke off.
        if (stop is not null) output.Write(stop.Event.Raw.Span);
    }

    /// <inheritdoc/>
    public void WriteCut(IBufferWriter<byte> output, StreamCut cut)
    {
        var open = cut.NothingSent ? [] : _open.ToList();
        if (cut.NothingSent || !_started) WriteStart(output);
        var message = cut.Message;
        if (cut.Offending is { Kind: TextChannel.Message, Slot: var slot } && open.Contains(slot) && _kinds.GetValueOrDefault(slot) == "text")
        {
            WriteText(output, cut.Offending, message);
            foreach (var index in open) WriteStop(output, index);
        }
        else
        {
            // The message needs a text block of its own: after the open ones close, as blocks follow each other.
            foreach (var index in open) WriteStop(output, index);
            var index2 = cut.NothingSent ? 0 : _maxIndex + 1;
            SseWriter.WriteEvent(output, "content_block_start", new JsonObject
            {
                ["type"] = "content_block_start",
                ["index"] = index2,
                ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
            });
            WriteText(output, new StreamChannel(MessagesAnswer.BlockPath(index2), 0, TextChannel.Message, index2), message);
            WriteStop(output, index2);
        }
        var usage = cut.Held.Where(IsMessageDelta).Select(r => ((JsonObject)r.State!)["usage"]).LastOrDefault(u => u is JsonObject);
        SseWriter.WriteEvent(output, "message_delta", MessageDelta("refusal", usage, cut.Verdict));
        SseWriter.WriteEvent(output, "message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    private void WriteStart(IBufferWriter<byte> output)
    {
        var message = _message?.DeepClone() as JsonObject ?? new JsonObject
        {
            ["id"] = "msg_guardrail",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = "",
            ["usage"] = new JsonObject { ["input_tokens"] = 0, ["output_tokens"] = 0 },
        };
        message["content"] = new JsonArray();
        message["stop_reason"] = null;
        message["stop_sequence"] = null;
        SseWriter.WriteEvent(output, "message_start", new JsonObject { ["type"] = "message_start", ["message"] = message });
    }

    private static void WriteStop(IBufferWriter<byte> output, int index) =>
        SseWriter.WriteEvent(output, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });

    private static JsonObject MessageDelta(string stopReason, JsonNode? usage, JsonObject verdict) => new()
    {
        ["type"] = "message_delta",
        ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
        ["usage"] = usage?.DeepClone() ?? new JsonObject { ["output_tokens"] = 0 },
        ["guardrail"] = verdict.DeepClone(),
    };

    private static bool IsMessageDelta(StreamRead read) =>
        read.Kind == StreamEventKind.Hold && read.State is JsonObject data && JsonBody.String(data["type"]) is "message_delta" or null;
}
