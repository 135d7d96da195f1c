using System.Buffers;
using System.Text.Json.Nodes;
using Guardrail.Protocol.Sse;

namespace Guardrail.Protocol.OpenAI;

/// <summary>
/// The Chat Completions stream: <c>chat.completion.chunk</c> events, text per choice on content, refusal, reasoning
/// and tool-call argument channels, the finish and usage chunks held for the verdict, <c>[DONE]</c> at the end.
/// </summary>
public sealed partial class ChatStreamCodec : IStreamCodec
{
    private readonly ChatChunkTemplate _template = new();

    // A client that asked for JSON (response_format json_object / json_schema) parses content as JSON: the policy's
    // message goes in the delta's refusal, which the SDKs surface as a refusal, so no prose is appended to its JSON.
    private readonly string _blockField;

    /// <summary>A codec for one stream; <paramref name="structuredOutput"/> when the request asked for JSON output.</summary>
    public ChatStreamCodec(bool structuredOutput = false) => _blockField = structuredOutput ? "refusal" : "content";
    private readonly Dictionary<(int Choice, string Suffix), StreamChannel> _channels = [];
    private readonly HashSet<int> _finished = [];
    private readonly List<StreamDelta> _deltas = []; // reused: the guard reads an event's deltas before the next Read
    private bool _holding;

    /// <inheritdoc/>
    public StreamRead Read(SseEvent evt)
    {
        if (evt.IsDone) return new StreamRead { Kind = StreamEventKind.End, Event = evt };
        if (evt.IsCommentOnly || !evt.HasData && evt.EventName is null) return Control(evt);
        if (evt.EventName is not (null or "message")) return new StreamRead { Kind = StreamEventKind.Unknown, Event = evt, Detail = "event type is not a chat chunk" };
        if (!ChatChunk.TryParse(evt.Data, _template, out var chunk))
        {
            return new StreamRead { Kind = StreamEventKind.Unreadable, Event = evt, Detail = Unreadable(evt.Data) };
        }

        _deltas.Clear();
        var other = false;
        foreach (var c in chunk.Choices)
        {
            if (!string.IsNullOrEmpty(c.Content)) _deltas.Add(new StreamDelta(Channel(c.Index, "", TextChannel.Message, 0), c.Content));
            other |= c.HasOtherDeltaFields;
        }
        // Only chunks with more than content (roles, tool calls, reasoning) need the tree; text chunks stay on the fast path.
        if (other) ReadOtherChannels(chunk);
        var deltas = _deltas.Count == 0 ? [] : _deltas.ToArray();

        // The finish chunk and what follows it (usage) wait for the end, where the verdict is known;
        // later text of choices still streaming (n > 1) goes on as usual.
        if (chunk.HasFinish || (_holding && (chunk.Choices.Count == 0 || chunk.Choices.Any(c => _finished.Contains(c.Index)))))
        {
            _holding = true;
            foreach (var c in chunk.Choices) if (c.FinishReason is not null) _finished.Add(c.Index);
            return new StreamRead { Kind = StreamEventKind.Hold, Event = evt, Deltas = deltas, State = chunk };
        }
        return new StreamRead { Kind = deltas.Length > 0 ? StreamEventKind.Text : StreamEventKind.Control, Event = evt, Deltas = deltas, State = chunk };
    }

    private static StreamRead Control(SseEvent evt) => new() { Kind = StreamEventKind.Control, Event = evt };

    // Names what went wrong without quoting the data.
    private static string Unreadable(string data)
    {
        try
        {
            if (JsonNode.Parse(data) is JsonObject o && o["error"] is not null) return "the upstream sent an error event";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return "data is not valid JSON";
        }
        return "data is not a chat chunk";
    }

    private void ReadOtherChannels(ChatChunk chunk)
    {
        if (chunk.Root["choices"] is not JsonArray choices) return;
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] is not JsonObject c || c["delta"] is not JsonObject delta) continue;
            var index = ChatCompletionReader.ChoiceIndex(c, i);
            foreach (var (suffix, kind, slot, text) in ChatDeltaText.Read(delta))
            {
                if (kind == TextChannel.Message) continue; // read on the fast path already
                _deltas.Add(new StreamDelta(Channel(index, suffix, kind, slot), text));
            }
        }
    }

    private StreamChannel Channel(int choice, string suffix, TextChannel kind, int slot)
    {
        if (_channels.TryGetValue((choice, suffix), out var channel)) return channel;
        channel = new StreamChannel(ChatCompletionReader.TargetPath(choice) + suffix, choice, kind, slot);
        _channels[(choice, suffix)] = channel;
        return channel;
    }

    /// <inheritdoc/>
    public void WriteRest(IBufferWriter<byte> output, StreamRead read)
    {
        if (read.State is not ChatChunk chunk || read.Deltas.Count == 0)
        {
            output.Write(read.Event.Raw.Span);
            return;
        }
        if (chunk.WithoutContent() is { } rest) SseWriter.WriteJson(output, rest);
    }

    /// <inheritdoc/>
    public void WriteText(IBufferWriter<byte> output, StreamChannel channel, string text)
    {
        if (channel.Kind == TextChannel.Message)
        {
            _template.WriteText(output, channel.Choice, text);
            return;
        }
        var chunk = _template.Build(channel.Choice, null, null);
        chunk["choices"]![0]!["delta"] = ChatDeltaText.Delta(channel, text);
        SseWriter.WriteJson(output, chunk);
    }
}
