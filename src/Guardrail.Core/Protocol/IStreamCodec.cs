using System.Buffers;
using System.Text.Json.Nodes;
using Guardrail.Protocol.Sse;

namespace Guardrail.Protocol;

/// <summary>
/// One API's streaming format, for the shared stream guard (<see cref="Guardrail.Streaming.StreamGuard"/>): turns
/// events into text deltas per channel and writes released text, the cut ending and the final verdict in the API's
/// own events. One per stream; not thread-safe.
/// </summary>
public interface IStreamCodec
{
    /// <summary>Classifies one event and extracts its text deltas and the channels it closes.</summary>
    StreamRead Read(SseEvent evt);

    /// <summary>Writes <paramref name="read"/>'s event without its text (roles, tool-call headers); nothing when nothing remains.</summary>
    void WriteRest(IBufferWriter<byte> output, StreamRead read);

    /// <summary>
    /// Writes an event the guard passes on whole (a control event, an unknown one, text in observe mode). By default its
    /// bytes as they came; an API whose events number themselves or repeat the text (OpenAI Responses) rewrites them.
    /// </summary>
    void Forward(IBufferWriter<byte> output, StreamRead read) => output.Write(read.Event.Raw.Span);

    /// <summary>Writes an event that releases <paramref name="text"/> on <paramref name="channel"/>.</summary>
    void WriteText(IBufferWriter<byte> output, StreamChannel channel, string text);

    /// <summary>The stream ended: writes the held events with the verdict on the last one, then the end sentinel.</summary>
    void WriteEnd(IBufferWriter<byte> output, StreamEnd end);

    /// <summary>Ends the stream now, in the API's shape for a withheld answer (OpenAI <c>content_filter</c>, Anthropic <c>refusal</c>).</summary>
    void WriteCut(IBufferWriter<byte> output, StreamCut cut);
}

/// <summary>How the guard treats an event.</summary>
public enum StreamEventKind
{
    /// <summary>Carries text deltas (and maybe more); text is held per the mode, the rest forwarded.</summary>
    Text,
    /// <summary>Carries no text: forwarded as it is (or held while the stream's tail is held).</summary>
    Control,
    /// <summary>Part of the stream's tail (finish, usage): held until the verdict is known, then written by <see cref="IStreamCodec.WriteEnd"/>.</summary>
    Hold,
    /// <summary>The end of the stream (OpenAI <c>[DONE]</c>, Anthropic <c>message_stop</c>); held and written by WriteEnd.</summary>
    End,
    /// <summary>An event this API does not define: forwarded and marked <c>unchecked</c> (withheld when the policy fails closed).</summary>
    Unknown,
    /// <summary>An event whose data cannot be read: forwarded and marked <c>unchecked</c> (withheld when the policy fails closed).</summary>
    Unreadable,
}

/// <summary>One text channel of a streamed answer: a choice's content, a tool call's arguments, a content block.</summary>
/// <param name="Path">The target path findings on it name, e.g. <c>response.choices[0].message</c>.</param>
/// <param name="Choice">The choice (OpenAI <c>n</c>) it belongs to; 0 for APIs with one answer.</param>
/// <param name="Kind">What kind of text it is.</param>
/// <param name="Slot">The API's own index for it (tool call index, content block index, output index).</param>
public sealed record StreamChannel(string Path, int Choice, TextChannel Kind, int Slot = 0)
{
    /// <summary>True for channels checked as a whole when they close, not sentence by sentence (tool arguments are JSON).</summary>
    public bool WholeOnly => Kind == TextChannel.ToolArguments;
}

/// <summary>A text delta on a channel.</summary>
public readonly record struct StreamDelta(StreamChannel Channel, string Text);

/// <summary>What the codec read from one event.</summary>
public sealed class StreamRead
{
    /// <summary>How the guard treats the event.</summary>
    public StreamEventKind Kind { get; init; }

    /// <summary>The event as it arrived.</summary>
    public required SseEvent Event { get; init; }

    /// <summary>Text deltas, in order.</summary>
    public IReadOnlyList<StreamDelta> Deltas { get; init; } = [];

    /// <summary>Channels that end with this event: checked to their end and released before the event is written.</summary>
    public IReadOnlyList<StreamChannel> Closes { get; init; } = [];

    /// <summary>For Unknown and Unreadable: a short reason (no text quoted).</summary>
    public string? Detail { get; init; }

    /// <summary>The codec's parsed form of the event, for WriteRest and WriteEnd.</summary>
    public object? State { get; init; }
}

/// <summary>What the codec writes when the stream ends normally.</summary>
/// <param name="Held">The held tail events, in order.</param>
/// <param name="Verdict">The final verdict JSON.</param>
/// <param name="Blocked">Choices withheld while others went on (n &gt; 1): choice → the message that replaces the rest.</param>
public sealed record StreamEnd(IReadOnlyList<StreamRead> Held, JsonObject Verdict, IReadOnlyDictionary<int, string> Blocked);

/// <summary>What the codec writes when the guard cuts the stream.</summary>
/// <param name="Offending">The channel whose text failed, or null (an unreadable stream).</param>
/// <param name="Message">The policy's block message (on a new line when part of the answer was shown).</param>
/// <param name="Verdict">The final verdict JSON.</param>
/// <param name="Held">Held tail events (their usage may still be reported).</param>
/// <param name="Channels">Every channel seen so far.</param>
public sealed record StreamCut(StreamChannel? Offending, string Message, JsonObject Verdict, IReadOnlyList<StreamRead> Held, IReadOnlyList<StreamChannel> Channels)
{
    /// <summary>True when no event of the stream was written before the cut (buffer mode), so an API whose stream opens with its own event (Anthropic <c>message_start</c>) must write it first.</summary>
    public bool NothingSent { get; init; }
}
