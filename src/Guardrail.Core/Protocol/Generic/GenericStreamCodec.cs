using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Protocol.OpenAI;
using Guardrail.Protocol.Sse;

namespace Guardrail.Protocol.Generic;

/// <summary>
/// A generic API's stream, as SSE <c>data:</c> events or NDJSON lines of JSON: the strings at the StreamDelta paths
/// are text deltas, one channel per location; <c>[DONE]</c> (SSE) or an event whose StreamEnd flag is true ends it.
/// Released text is written as a copy of the channel's first event with only that text in it.
/// </summary>
public sealed partial class GenericStreamCodec : IStreamCodec
{
    private readonly GenericApi _api;
    private readonly bool _ndjson;
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private Slot? _first;

    /// <summary>A codec for one answer of <paramref name="api"/>; <paramref name="ndjson"/> for NDJSON framing.</summary>
    public GenericStreamCodec(GenericApi api, bool ndjson)
    {
        _api = api;
        _ndjson = ndjson;
    }

    // A channel and what its text is written into: the first event that carried it, its texts emptied.
    private sealed record Slot(StreamChannel Channel, JsonPath Location, JsonObject Template, string? EventName);

    /// <inheritdoc/>
    public StreamRead Read(SseEvent evt)
    {
        if (evt.IsCommentOnly || !evt.HasData) return Control(evt);
        if (!_ndjson && evt.IsDone) return new StreamRead { Kind = StreamEventKind.End, Event = evt };
        if (_api.StreamDelta.Count == 0) return Unknown(evt, "the API has no StreamDelta paths configured");
        if (!JsonBody.TryParseObject(Encoding.UTF8.GetBytes(evt.Data), "event", out var data, out _)) return Unreadable(evt, "data is not a JSON object");
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
        var deltas = new List<StreamDelta>();
        foreach (var match in GenericTargets.Select(data, _api.StreamDelta))
        {
            if (JsonBody.String(match.Value) is not { } text) return Unreadable(evt, $"{GenericAnswer.Prefix}{match.Path} is {GenericTargets.KindOf(match.Value)}, not text");
            if (text.Length > 0) deltas.Add(new StreamDelta(Channel(match, data, evt.EventName).Channel, text));
        }
        var kind = IsEnd(data) ? StreamEventKind.End : deltas.Count > 0 ? StreamEventKind.Text : StreamEventKind.Control;
        return new StreamRead { Kind = kind, Event = evt, Deltas = deltas, State = data };
    }

    private bool IsEnd(JsonObject data) => _api.StreamEnd is { } end && end.Select(data).Any(m => JsonBody.IsTrue(m.Value));

    private Slot Channel(JsonPathMatch match, JsonObject data, string? eventName)
    {
        var path = GenericAnswer.Prefix + match.Path;
        if (_slots.TryGetValue(path, out var slot)) return slot;
        slot = new Slot(new StreamChannel(path, 0, TextChannel.Message, _slots.Count), new JsonPath(match.Segments), Blank(data), eventName);
        _slots[path] = slot;
        _first ??= slot;
        return slot;
    }

    // The event without its texts, the upstream's own verdict field or its end flag, so a copy carries one released text.
    private JsonObject Blank(JsonObject data)
    {
        var blank = (JsonObject)data.DeepClone();
        EmptyTexts(blank);
        blank.Remove("guardrail");
        if (_api.StreamEnd is { } end) foreach (var m in end.Select(blank)) if (JsonBody.IsTrue(m.Value)) m.Write(false);
        return blank;
    }

    private void EmptyTexts(JsonObject data)
    {
        foreach (var match in GenericTargets.Select(data, _api.StreamDelta)) if (JsonBody.String(match.Value) is { Length: > 0 }) match.Write("");
    }

    private static StreamRead Control(SseEvent evt) => new() { Kind = StreamEventKind.Control, Event = evt };

    private static StreamRead Unknown(SseEvent evt, string detail) => new() { Kind = StreamEventKind.Unknown, Event = evt, Detail = detail };

    private static StreamRead Unreadable(SseEvent evt, string detail) => new() { Kind = StreamEventKind.Unreadable, Event = evt, Detail = detail };

    /// <inheritdoc/>
    public void WriteRest(IBufferWriter<byte> output, StreamRead read)
    {
        // A text event is nothing but its text to a generic client; the text leaves through WriteText.
        if (read.Deltas.Count == 0) output.Write(read.Event.Raw.Span);
    }

    /// <inheritdoc/>
    public void WriteText(IBufferWriter<byte> output, StreamChannel channel, string text)
    {
        if (!_slots.TryGetValue(channel.Path, out var slot)) return;
        var evt = (JsonObject)slot.Template.DeepClone();
        foreach (var match in slot.Location.Select(evt)) match.Write(text);
        Write(output, evt, slot.EventName);
    }

    private void Write(IBufferWriter<byte> output, JsonObject data, string? eventName)
    {
        if (!_ndjson)
        {
            if (eventName is null) SseWriter.WriteJson(output, data);
            else SseWriter.WriteEvent(output, eventName, data);
            return;
        }
        using (var writer = new System.Text.Json.Utf8JsonWriter(output, Guardrail.Verdicts.WireJson.Writer)) data.WriteTo(writer);
        output.Write("\n"u8);
    }
}
