using System.Buffers;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Verdicts;

namespace Guardrail.Streaming;

public sealed partial class StreamGuard
{
    // Checks the sentences an event completed; in hold-back releases each one that passed. False after a cut.
    private bool CheckStreaming(ChannelStream channel, IBufferWriter<byte> output, bool final = false)
    {
        while (!channel.Blocked && channel.NextSentence(final) is { } sentence)
        {
            var check = _inspector.CheckSentence(sentence);
            if (check.Decision == Decision.Block) return Block(channel, sentence, output);
            channel.Accept(sentence, check, redact: _mode != StreamingMode.Observe);
            if (_mode == StreamingMode.HoldBack) ReleaseTo(channel, sentence.End, output);
        }
        return true;
    }

    // Channels the event closes are checked to their end and released before the event itself is written, so an API
    // whose blocks end with their own event (Anthropic content_block_stop) never sees text after the end of a block.
    private bool Close(StreamRead read, IBufferWriter<byte> output)
    {
        foreach (var key in read.Closes)
        {
            if (!_channels.TryGetValue(key.Path, out var channel)) continue;
            if (!CheckStreaming(channel, output, final: true)) return false;
            if (!channel.Blocked) ReleaseTo(channel, channel.Length, output);
        }
        return true;
    }

    // A failing sentence withholds its choice: with several choices the others go on, otherwise the stream is cut.
    private bool Block(ChannelStream channel, StreamSentence sentence, IBufferWriter<byte> output)
    {
        var leaked = Math.Max(0, channel.Released - sentence.Start);
        var choiceShown = _order.Any(c => c.Index == channel.Index && c.Released > 0);
        var message = choiceShown ? "\n" + _blockMessage : _blockMessage;
        if (_expectedChoices <= 1 || _blocked.Count + 1 >= _expectedChoices)
        {
            Cut(output, channel, "blocked", leaked);
            return false;
        }
        _blocked[channel.Index] = message;
        LeakedChars = Math.Max(LeakedChars, leaked);
        foreach (var c in _order) if (c.Index == channel.Index) c.Blocked = true;
        return true;
    }

    private void ReleaseTo(ChannelStream channel, int upTo, IBufferWriter<byte> output)
    {
        if (channel.Blocked || upTo <= channel.Released) return;
        var text = channel.Release(upTo);
        _codec.WriteText(output, channel.Channel, text);
    }
}
