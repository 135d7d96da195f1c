using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Protocol.OpenAI;
using Guardrail.Protocol.Sse;

namespace Guardrail.Protocol.Anthropic;

/// <summary>
/// The Messages stream: named events, text per content block on text, thinking and tool-input channels, each block
/// closed by its <c>content_block_stop</c>; <c>message_delta</c> is held for the verdict and <c>message_stop</c> ends it.
/// </summary>
public sealed partial class MessagesStreamCodec : IStreamCodec
{
    private readonly Dictionary<(int Index, TextChannel Kind), StreamChannel> _channels = [];
    private readonly Dictionary<int, string> _kinds = [];
    private readonly SortedSet<int> _open = [];
    private JsonObject? _message;
    private bool _started;
    private int _maxIndex = -1;
    private int? _pendingStop; // a block's stop counts once the next event is read: a cut while it is handled still closes the block

    /// <inheritdoc/>
    public StreamRead Read(SseEvent evt)
    {
        if (_pendingStop is { } stopped) _open.Remove(stopped);
        _pendingStop = null;
        if (evt.IsCommentOnly || !evt.HasData && evt.EventName is null) return Control(evt);
        if (!JsonBody.TryParseObject(Encoding.UTF8.GetBytes(evt.Data), "event", out var data, out _)) return Unreadable(evt, "data is not valid JSON");
        try
        {
            return Read(evt, data);
        }
        catch (Exception e) when (JsonBody.IsUnreadable(e))
        {
            return Unreadable(evt, "event holds a string that cannot be decoded");
        }
    }

    private StreamRead Read(SseEvent evt, JsonObject data)
    {
        switch (evt.EventName ?? JsonBody.String(data["type"]))
        {
            case "message_start":
                _started = true;
                _message = data["message"] as JsonObject;
                return Control(evt);
            case "content_block_start":
                return BlockStart(evt, data);
            case "content_block_delta":
                return BlockDelta(evt, data);
            case "content_block_stop":
                if (JsonBody.Int(data["index"]) is not { } index) return Unreadable(evt, "content_block_stop has no index");
                _pendingStop = index;
                return new StreamRead { Kind = StreamEventKind.Control, Event = evt, Closes = _channels.Where(c => c.Key.Index == index).Select(c => c.Value).ToArray() };
            case "message_delta":
                return new StreamRead { Kind = StreamEventKind.Hold, Event = evt, State = data };
            case "message_stop":
                return new StreamRead { Kind = StreamEventKind.End, Event = evt };
            case "ping":
                return Control(evt);
            case "error":
                return Unreadable(evt, "upstream error event");
            default:
                return new StreamRead { Kind = StreamEventKind.Unknown, Event = evt, Detail = "event type is not a Messages event" };
        }
    }

    private StreamRead BlockStart(SseEvent evt, JsonObject data)
    {
        if (JsonBody.Int(data["index"]) is not { } index || data["content_block"] is not JsonObject block) return Unreadable(evt, "content_block_start has no index or block");
        var kind = JsonBody.String(block["type"]) ?? "";
        _kinds[index] = kind;
        _open.Add(index);
        _maxIndex = Math.Max(_maxIndex, index);
        // A block may start with text of its own; it is held like any delta.
        var initial = kind switch
        {
            "text" => (Text: JsonBody.String(block["text"]), Kind: TextChannel.Message),
            "thinking" => (Text: JsonBody.String(block["thinking"]), Kind: TextChannel.Reasoning),
            _ => (Text: null, Kind: TextChannel.Message),
        };
        return string.IsNullOrEmpty(initial.Text) ? Control(evt) : TextRead(evt, data, index, initial.Kind, initial.Text);
    }

    private StreamRead BlockDelta(SseEvent evt, JsonObject data)
    {
        if (JsonBody.Int(data["index"]) is not { } index || data["delta"] is not JsonObject delta) return Unreadable(evt, "content_block_delta has no index or delta");
        var (field, kind) = JsonBody.String(delta["type"]) switch
        {
            "text_delta" => ("text", TextChannel.Message),
            "thinking_delta" => ("thinking", TextChannel.Reasoning),
            "input_json_delta" => ("partial_json", TextChannel.ToolArguments),
            "signature_delta" or "citations_delta" => (null, TextChannel.Message),
            _ => ("?", TextChannel.Message),
        };
        if (field == "?") return new StreamRead { Kind = StreamEventKind.Unknown, Event = evt, Detail = "delta type is not known" };
        if (field is null || JsonBody.String(delta[field]) is not { Length: > 0 } text) return Control(evt);
        return TextRead(evt, data, index, kind, text);
    }

    private StreamRead TextRead(SseEvent evt, JsonObject data, int index, TextChannel kind, string text) => new()
    {
        Kind = StreamEventKind.Text,
        Event = evt,
        Deltas = [new StreamDelta(Channel(index, kind), text)],
        State = data,
    };

    private StreamChannel Channel(int index, TextChannel kind)
    {
        if (_channels.TryGetValue((index, kind), out var channel)) return channel;
        var path = MessagesAnswer.BlockPath(index) + (kind == TextChannel.ToolArguments ? ".input" : "");
        channel = new StreamChannel(path, 0, kind, index);
        _channels[(index, kind)] = channel;
        return channel;
    }

    private static StreamRead Control(SseEvent evt) => new() { Kind = StreamEventKind.Control, Event = evt };

    private static StreamRead Unreadable(SseEvent evt, string detail) => new() { Kind = StreamEventKind.Unreadable, Event = evt, Detail = detail };

    /// <inheritdoc/>
    public void WriteRest(IBufferWriter<byte> output, StreamRead read)
    {
        if (read.Deltas.Count == 0 || read.State is not JsonObject data)
        {
            output.Write(read.Event.Raw.Span);
            return;
        }
        // A text delta is nothing but its text; a block start keeps its type with the text emptied.
        if (JsonBody.String(data["type"]) != "content_block_start" || data["content_block"] is not JsonObject block) return;
        var rest = (JsonObject)data.DeepClone();
        var field = JsonBody.String(block["type"]) == "thinking" ? "thinking" : "text";
        rest["content_block"]![field] = "";
        SseWriter.WriteEvent(output, "content_block_start", rest);
    }

    /// <inheritdoc/>
    public void WriteText(IBufferWriter<byte> output, StreamChannel channel, string text)
    {
        var delta = channel.Kind switch
        {
            TextChannel.ToolArguments => new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = text },
            TextChannel.Reasoning => new JsonObject { ["type"] = "thinking_delta", ["thinking"] = text },
            _ => new JsonObject { ["type"] = "text_delta", ["text"] = text },
        };
        SseWriter.WriteEvent(output, "content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = channel.Slot, ["delta"] = delta });
    }
}
