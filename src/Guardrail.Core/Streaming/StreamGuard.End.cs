using System.Buffers;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Verdicts;

namespace Guardrail.Streaming;

public sealed partial class StreamGuard
{
    // The stream ended: check what is left, release it, then the held events with the verdict on the last one.
    private void Finish(IBufferWriter<byte> output)
    {
        // Everything is checked before anything more is released, so a failing last sentence of one channel
        // also withholds the remaining text of the others (and, in buffer mode, all text).
        foreach (var channel in _order)
        {
            if (!CheckRemaining(channel, output)) return;
        }
        if (_mode == StreamingMode.Buffer) Replay(output);
        foreach (var channel in _order) ReleaseTo(channel, channel.Length, output);

        var verdict = _inspector.FinalVerdict(new StreamOutcome(false, LeakedChars, _sawEnd, null));
        _codec.WriteEnd(output, new StreamEnd(_held.ToList(), verdict, _blocked));
        _held.Clear();
        IsFinished = true;
    }

    private bool CheckRemaining(ChannelStream channel, IBufferWriter<byte> output)
    {
        while (!channel.Blocked && channel.NextSentence(final: true) is { } sentence)
        {
            var check = _inspector.CheckSentence(sentence);
            if (check.Decision == Decision.Block)
            {
                if (!Block(channel, sentence, output)) return false;
                continue;
            }
            channel.Accept(sentence, check, redact: _mode != StreamingMode.Observe);
        }
        return true;
    }

    // Buffer mode: every event in its original order, each text delta released where it arrived, masks applied.
    // Releases of consecutive text-only events are merged, so a clean OpenAI answer leaves as one chunk.
    private void Replay(IBufferWriter<byte> output)
    {
        var pending = new List<(ChannelStream Channel, int UpTo)>();
        var scratch = new ArrayBufferWriter<byte>();
        foreach (var (read, ends) in _journal)
        {
            if (read.Deltas.Count == 0)
            {
                // Released text goes first, so a codec that numbers or repeats what it wrote sees it before this event.
                Flush(pending, output);
                _codec.Forward(output, read);
                continue;
            }
            scratch.ResetWrittenCount();
            _codec.WriteRest(scratch, read);
            if (scratch.WrittenCount > 0)
            {
                Flush(pending, output);
                output.Write(scratch.WrittenSpan);
            }
            for (var i = 0; i < read.Deltas.Count && i < ends.Length; i++)
            {
                if (!_channels.TryGetValue(read.Deltas[i].Channel.Path, out var channel)) continue;
                if (pending.Count > 0 && pending[^1].Channel != channel) Flush(pending, output);
                if (pending.Count == 0) pending.Add((channel, ends[i]));
                else pending[^1] = (channel, ends[i]);
            }
        }
        Flush(pending, output);
        _journal.Clear();
    }

    private void Flush(List<(ChannelStream Channel, int UpTo)> pending, IBufferWriter<byte> output)
    {
        foreach (var (channel, upTo) in pending) ReleaseTo(channel, upTo, output);
        pending.Clear();
    }

    // Ends the stream now in the API's withheld shape, with the verdict.
    private void Cut(IBufferWriter<byte> output, ChannelStream? offending, string reason, int leaked)
    {
        LeakedChars = Math.Max(LeakedChars, leaked);
        var verdict = _inspector.FinalVerdict(new StreamOutcome(true, LeakedChars, _sawEnd, reason));
        var shown = offending is not null && _order.Any(c => c.Index == offending.Index && c.Released > 0);
        var message = shown ? "\n" + _blockMessage : _blockMessage;
        _codec.WriteCut(output, new StreamCut(offending?.Channel, message, verdict, _held.ToList(), _order.Select(c => c.Channel).ToList())
        {
            NothingSent = _mode == StreamingMode.Buffer,
        });
        _held.Clear();
        _journal.Clear();
        _journalBytes = 0;
        IsCut = IsFinished = true;
    }
}
