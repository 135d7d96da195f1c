using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Protocol.OpenAI;
using Guardrail.Protocol.Sse;

namespace Guardrail.Protocol.OpenAIResponses;

/// <summary>
/// The Responses stream: typed events, text per output item and part on message, refusal, reasoning and tool-argument
/// channels, each closed by its <c>.done</c> event; <c>response.completed</c>, <c>.incomplete</c> or <c>.failed</c>
/// ends it (there is no <c>[DONE]</c>). Every event it writes carries only released text and the next sequence number.
/// </summary>
public sealed partial class ResponsesStreamCodec : IStreamCodec
{
    private readonly Dictionary<string, ChannelState> _channels = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public StreamRead Read(SseEvent evt)
    {
        if (evt.IsCommentOnly || !evt.HasData && evt.EventName is null || evt.IsDone) return Control(evt, null);
        if (!JsonBody.TryParseObject(Encoding.UTF8.GetBytes(evt.Data), "event", out var data, out _)) return Odd(StreamEventKind.Unreadable, evt, null, "data is not valid JSON");
        try
        {
            return Read(evt, data);
        }
        catch (Exception e) when (JsonBody.IsUnreadable(e))
        {
            return Odd(StreamEventKind.Unreadable, evt, null, "event holds a string that cannot be decoded");
        }
    }

    private StreamRead Read(SseEvent evt, JsonObject data)
    {
        var type = TypeOf(evt, data);
        switch (type)
        {
            case "response.created" or "response.in_progress" or "response.queued":
                if (data["response"] is JsonObject response) _response = response;
                return Control(evt, data);
            case "response.output_item.added" or "response.content_part.added" or "response.reasoning_summary_part.added" or "response.output_text.annotation.added":
                return Control(evt, data);
            case "response.output_item.done":
                return Closing(evt, data, JsonBody.Int(data["output_index"]) is { } item ? ResponsesAnswer.ItemPath(item) + "." : null);
            case "response.content_part.done" or "response.reasoning_summary_part.done":
                return Closing(evt, data, PartPath(type, data));
            case "response.completed" or "response.incomplete" or "response.failed":
                return new StreamRead { Kind = StreamEventKind.End, Event = evt, State = data };
            case "error":
                return Odd(StreamEventKind.Unreadable, evt, data, "upstream error event");
            case null:
                return Odd(StreamEventKind.Unknown, evt, data, "event has no type");
        }
        if (TextFamily.Of(type, out var done) is { } family) return done ? Closing(evt, data, ChannelOf(family, data, create: false)?.Channel.Path) : Delta(evt, data, family);
        if (IsToolStatus(type)) return Control(evt, data);
        return Odd(StreamEventKind.Unknown, evt, data, "event type is not a Responses event");
    }

    private StreamRead Delta(SseEvent evt, JsonObject data, TextFamily family)
    {
        if (ChannelOf(family, data, create: true) is not { } channel) return Odd(StreamEventKind.Unreadable, evt, data, "delta has no output or part index");
        if (JsonBody.String(data["delta"]) is not { Length: > 0 } text) return Control(evt, data);
        return new StreamRead { Kind = StreamEventKind.Text, Event = evt, Deltas = [new StreamDelta(channel.Channel, text)], State = data };
    }

    // The channel an event's indexes name; null when they are missing.
    private ChannelState? ChannelOf(TextFamily family, JsonObject data, bool create)
    {
        if (JsonBody.Int(data["output_index"]) is not { } output) return null;
        var index = 0;
        if (family.IndexField is { } field)
        {
            if (JsonBody.Int(data[field]) is not { } i) return null;
            index = i;
        }
        var path = family.PathOf(output, index);
        if (_channels.TryGetValue(path, out var channel) || !create) return channel;
        channel = new ChannelState(new StreamChannel(path, 0, family.Kind, output), family, JsonBody.String(data["item_id"]), output, index);
        _channels[path] = channel;
        return channel;
    }

    // A done event closes the channels at (or, for a whole item, under) its path: they are checked to their end and
    // released before it is written, and it repeats only what was released.
    private StreamRead Closing(SseEvent evt, JsonObject data, string? path) => new()
    {
        Kind = StreamEventKind.Control,
        Event = evt,
        State = data,
        Closes = path is null ? [] : _channels.Values.Where(c => c.Channel.Path == path || path.EndsWith('.') && c.Channel.Path.StartsWith(path, StringComparison.Ordinal)).Select(c => c.Channel).ToArray(),
    };

    private static string? PartPath(string type, JsonObject data)
    {
        var (field, index) = type == "response.content_part.done" ? ("content", "content_index") : ("summary", "summary_index");
        if (JsonBody.Int(data["output_index"]) is not { } output || JsonBody.Int(data[index]) is not { } i) return null;
        return $"{ResponsesAnswer.ItemPath(output)}.{field}[{i}]";
    }

    // Hosted tools report progress (response.web_search_call.searching, response.mcp_list_tools.completed…) without text.
    private static bool IsToolStatus(string type)
    {
        var parts = type.Split('.');
        return parts is ["response", var tool, "in_progress" or "searching" or "interpreting" or "generating" or "completed" or "failed"]
            && (tool.EndsWith("_call", StringComparison.Ordinal) || tool == "mcp_list_tools");
    }

    private static string? TypeOf(SseEvent evt, JsonObject data) =>
        evt.EventName is { Length: > 0 } name && name != "message" ? name : JsonBody.String(data["type"]);

    private static StreamRead Control(SseEvent evt, JsonObject? data) => new() { Kind = StreamEventKind.Control, Event = evt, State = data };

    private static StreamRead Odd(StreamEventKind kind, SseEvent evt, JsonObject? data, string detail) => new() { Kind = kind, Event = evt, State = data, Detail = detail };
}
