using System.Buffers;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Protocol.OpenAI;
using Guardrail.Protocol.Sse;

namespace Guardrail.Streaming;

/// <summary>
/// Guards one streamed answer of any API: parses upstream SSE bytes, hands each event to the API's
/// <see cref="IStreamCodec"/>, checks text per channel at sentence boundaries and decides what the client may see
/// (DESIGN.md §4). Hold-back, observe and buffer behave the same for every adapter.
/// </summary>
/// <remarks>Not thread-safe: one instance per response, fed from one reader.</remarks>
public sealed partial class StreamGuard
{
    private readonly StreamingMode _mode;
    private readonly IStreamInspector _inspector;
    private readonly string _blockMessage;
    private readonly IEventParser _parser;
    private readonly IStreamCodec _codec;
    private readonly int _expectedChoices;
    private readonly Dictionary<string, ChannelStream> _channels = new(StringComparer.Ordinal);
    private readonly List<ChannelStream> _order = [];
    private readonly List<StreamRead> _held = [];
    private readonly List<(StreamRead Read, int[] Ends)> _journal = []; // buffer mode: every event, replayed at the end
    private readonly Dictionary<int, string> _blocked = [];
    private readonly List<ChannelStream> _affected = []; // reused by every event
    private bool _sawEnd;
    private bool _relaying; // past the memory budget: events pass as they come, unread (StopRetaining)
    private long _journalBytes;

    /// <summary>Creates a guard for an OpenAI Chat Completions stream (the codec most tests and benchmarks use).</summary>
    public StreamGuard(StreamingMode mode, IStreamInspector inspector, string blockMessage, int maxEventBytes = 1 << 20)
        : this(mode, inspector, blockMessage, new ChatStreamCodec(), 1, maxEventBytes)
    {
    }

    /// <summary>Creates a guard releasing text per the policy's mode through an API's codec.</summary>
    /// <param name="mode">Hold-back, observe or buffer.</param>
    /// <param name="inspector">Checks sentences and builds the final verdict.</param>
    /// <param name="blockMessage">Ends a withheld answer.</param>
    /// <param name="codec">The API's stream format.</param>
    /// <param name="expectedChoices">How many choices the client asked for: with more than one, a failing choice is withheld while the others go on.</param>
    /// <param name="maxEventBytes">Largest event read; a larger one cuts the stream.</param>
    public StreamGuard(StreamingMode mode, IStreamInspector inspector, string blockMessage, IStreamCodec codec, int expectedChoices, int maxEventBytes = 1 << 20)
        : this(mode, inspector, blockMessage, codec, expectedChoices, new SseParser(maxEventBytes))
    {
    }

    /// <summary>Creates a guard for a stream framed by <paramref name="parser"/> (e.g. <see cref="NdjsonParser"/> for NDJSON answers).</summary>
    /// <param name="mode">Hold-back, observe or buffer.</param>
    /// <param name="inspector">Checks sentences and builds the final verdict.</param>
    /// <param name="blockMessage">Ends a withheld answer.</param>
    /// <param name="codec">The API's stream format.</param>
    /// <param name="expectedChoices">How many choices the client asked for.</param>
    /// <param name="parser">Splits the body into events; an event over its limit cuts the stream.</param>
    public StreamGuard(StreamingMode mode, IStreamInspector inspector, string blockMessage, IStreamCodec codec, int expectedChoices, IEventParser parser)
    {
        _mode = mode;
        _inspector = inspector;
        _blockMessage = blockMessage;
        _codec = codec;
        _expectedChoices = Math.Max(1, expectedChoices);
        _parser = parser;
    }

    /// <summary>True after a cut: the caller stops reading upstream and calls nothing more.</summary>
    public bool IsCut { get; private set; }

    /// <summary>True once the final verdict was emitted (after a cut, or after <see cref="Complete"/>).</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Characters of offending text the client received before a cut.</summary>
    public int LeakedChars { get; private set; }

    /// <summary>
    /// About how many bytes the guard holds for this stream: every channel's text (kept whole for its sentences and the
    /// audit) and, in buffer mode, every event until the end (its bytes, its deltas and the parsed event, about three
    /// times its size). The caller charges it to the in-flight budget and calls <see cref="StopRetaining"/> when it cannot.
    /// </summary>
    public long RetainedBytes
    {
        get
        {
            var bytes = _journalBytes;
            foreach (var channel in _order) bytes += channel.Capacity * (long)sizeof(char);
            return bytes;
        }
    }

    /// <summary>The text of every message channel read so far (a choice's content, a content block), in order.</summary>
    public string MessageText => string.Join("\n\n", _order.Where(c => c.Channel.Kind == TextChannel.Message).Select(c => c.Text));

    /// <summary>True once the guard stopped reading the stream (<see cref="StopRetaining"/>): the rest passes as it comes.</summary>
    public bool IsRelaying => _relaying;

    /// <summary>
    /// The in-flight budget cannot hold more of this stream. Failing closed, the stream is cut (reason
    /// <c>memory-budget</c>). Otherwise what is held is checked and released as if the stream had ended there, and every
    /// later event passes as it comes, unread, the verdict <c>unchecked</c> (<c>memory-budget</c>): the guard's memory stops
    /// growing and nothing is lost.
    /// </summary>
    public void StopRetaining(IBufferWriter<byte> output)
    {
        if (IsFinished || _relaying) return;
        if (_inspector.Unchecked(UncheckedCodes.MemoryBudget, "the guard's in-flight budget is spent; the rest of the stream was not read"))
        {
            Cut(output, null, UncheckedCodes.MemoryBudget, 0);
            return;
        }
        foreach (var channel in _order)
        {
            if (!CheckRemaining(channel, output)) return;
        }
        if (_mode == StreamingMode.Buffer) Replay(output);
        foreach (var channel in _order) ReleaseTo(channel, channel.Length, output);
        _journalBytes = 0;
        _relaying = true;
    }

    /// <summary>Feeds upstream bytes and appends to <paramref name="output"/> what may be released now.</summary>
    public void Write(ReadOnlySpan<byte> upstreamBytes, IBufferWriter<byte> output)
    {
        if (IsFinished) return;
        _parser.Feed(upstreamBytes);
        while (!IsFinished && _parser.TryRead(out var evt)) Handle(evt, output);
        CutIfOverflowed(output);
    }

    /// <summary>The upstream ended (after its end event or abruptly): emits pending text, held events and the final verdict.</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        if (IsFinished) return;
        while (!IsFinished && _parser.TryFlush(out var evt)) Handle(evt, output);
        CutIfOverflowed(output);
        if (!IsFinished) Finish(output);
    }

    private void CutIfOverflowed(IBufferWriter<byte> output)
    {
        // An event too large to parse cannot be checked, so nothing more of the stream is released.
        if (IsFinished || !_parser.HasOverflowed) return;
        _inspector.Unchecked(UncheckedCodes.StreamEventTooLarge, null);
        Cut(output, null, UncheckedCodes.StreamEventTooLarge, 0);
    }

    private void Handle(SseEvent evt, IBufferWriter<byte> output)
    {
        var read = _codec.Read(evt);
        if (_relaying)
        {
            Relay(read, output);
            return;
        }
        switch (read.Kind)
        {
            case StreamEventKind.Unknown or StreamEventKind.Unreadable:
                var code = read.Kind == StreamEventKind.Unknown ? UncheckedCodes.StreamUnknownEvent : UncheckedCodes.StreamUnreadableEvent;
                // Failing closed, what cannot be read is not released.
                if (_inspector.Unchecked(code, read.Detail)) Cut(output, null, code, 0);
                else Forward(read, output);
                return;
            case StreamEventKind.End:
                _sawEnd = true;
                Append(read); // an API whose last event also carries text (a generic StreamEnd flag)
                _held.Add(read);
                Finish(output);
                return;
            case StreamEventKind.Hold:
                Append(read);
                _held.Add(read);
                return;
        }
        var affected = Append(read);
        if (_mode == StreamingMode.Buffer)
        {
            _journal.Add((read, read.Deltas.Select(d => _channels[d.Channel.Path].Length).ToArray()));
            _journalBytes += JournalCost(read);
            return;
        }
        if (read.Kind == StreamEventKind.Control)
        {
            if (!Close(read, output)) return;
            _codec.Forward(output, read);
            return;
        }
        // Tool arguments are checked whole, so even observe holds them until their channel closes.
        if (_mode == StreamingMode.Observe && !HasWholeOnly(read))
        {
            // Checked before forwarding, so the event that completes a failing sentence never leaves.
            foreach (var channel in affected) if (!CheckStreaming(channel, output)) return;
            if (!Close(read, output)) return;
            if (AnyBlocked(read)) _codec.WriteRest(output, read);
            else _codec.Forward(output, read);
            foreach (var channel in affected) if (!channel.Blocked) channel.Released = channel.Length;
            return;
        }
        _codec.WriteRest(output, read);
        foreach (var channel in affected) if (!CheckStreaming(channel, output)) return;
        Close(read, output);
    }

    // Adds the event's deltas to their channels; returns the channels that grew (a blocked choice's text is dropped).
    private List<ChannelStream> Append(StreamRead read)
    {
        var affected = _affected;
        affected.Clear();
        foreach (var delta in read.Deltas)
        {
            var channel = Channel(delta.Channel);
            if (channel.Blocked || delta.Text.Length == 0) continue;
            channel.Append(delta.Text);
            if (!affected.Contains(channel)) affected.Add(channel);
        }
        return affected;
    }

    private static bool HasWholeOnly(StreamRead read)
    {
        foreach (var d in read.Deltas) if (d.Channel.WholeOnly) return true;
        return false;
    }

    private bool AnyBlocked(StreamRead read) => _blocked.Count > 0 && read.Deltas.Any(d => _blocked.ContainsKey(d.Channel.Choice));

    // Past the budget: the tail is still held for the verdict, everything else leaves as it came.
    private void Relay(StreamRead read, IBufferWriter<byte> output)
    {
        switch (read.Kind)
        {
            case StreamEventKind.End:
                _sawEnd = true;
                _held.Add(read);
                Finish(output);
                return;
            case StreamEventKind.Hold:
                _held.Add(read);
                return;
            default:
                _codec.Forward(output, read);
                return;
        }
    }

    private static long JournalCost(StreamRead read) => 3L * read.Event.Raw.Length + 64;

    private void Forward(StreamRead read, IBufferWriter<byte> output)
    {
        if (_mode == StreamingMode.Buffer)
        {
            _journal.Add((read, []));
            _journalBytes += JournalCost(read);
        }
        else if (_held.Count > 0) _held.Add(read);
        else _codec.Forward(output, read);
    }

    private ChannelStream Channel(StreamChannel key)
    {
        if (_channels.TryGetValue(key.Path, out var channel)) return channel;
        channel = new ChannelStream(key) { Blocked = _blocked.ContainsKey(key.Choice) };
        _channels[key.Path] = channel;
        _order.Add(channel);
        return channel;
    }
}
