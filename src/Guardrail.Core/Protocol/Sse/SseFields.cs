using System.Buffers.Text;
using System.Text;

namespace Guardrail.Protocol.Sse;

/// <summary>Accumulates the fields of the event being parsed (WHATWG server-sent events rules).</summary>
internal sealed class SseFields
{
    // Almost every event has one data line: it becomes Data as is, and the builder only joins further lines.
    private readonly StringBuilder _data = new();
    private string _firstData = "";
    private bool _hasData;
    private string? _event;
    private string? _id;
    private int? _retry;

    /// <summary>Interprets one non-empty line.</summary>
    public void Line(ReadOnlySpan<byte> line)
    {
        if (line[0] == (byte)':') return; // a comment, e.g. a keep-alive
        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ') value = value[1..];

        if (name.SequenceEqual("data"u8))
        {
            var text = Encoding.UTF8.GetString(value);
            if (!_hasData) _firstData = text;
            else
            {
                if (_data.Length == 0) _data.Append(_firstData);
                _data.Append('\n').Append(text);
            }
            _hasData = true;
        }
        else if (name.SequenceEqual("event"u8))
        {
            _event = Encoding.UTF8.GetString(value);
        }
        else if (name.SequenceEqual("id"u8))
        {
            if (value.IndexOf((byte)0) < 0) _id = Encoding.UTF8.GetString(value);
        }
        else if (name.SequenceEqual("retry"u8))
        {
            if (Utf8Parser.TryParse(value, out int ms, out var used) && used == value.Length && ms >= 0) _retry = ms;
        }
        // Unknown fields are ignored, as browsers do.
    }

    /// <summary>Builds the event from the fields seen so far and resets for the next one.</summary>
    public SseEvent Dispatch(ReadOnlyMemory<byte> raw)
    {
        var evt = new SseEvent
        {
            EventName = _event,
            Data = _data.Length > 0 ? _data.ToString() : _firstData,
            HasData = _hasData,
            Id = _id,
            Retry = _retry,
            IsCommentOnly = !_hasData && _event is null && _id is null && _retry is null,
            Raw = raw,
        };
        _data.Clear();
        _firstData = "";
        _hasData = false;
        _event = _id = null;
        _retry = null;
        return evt;
    }
}
