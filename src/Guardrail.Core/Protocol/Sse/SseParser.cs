using System.Diagnostics.CodeAnalysis;

namespace Guardrail.Protocol.Sse;

/// <summary>Parses a server-sent events byte stream incrementally, whatever the chunking of the bytes.</summary>
/// <remarks>
/// Lines end with <c>\n</c>, <c>\r\n</c> or <c>\r</c>. Lines are decoded only when complete, so a UTF-8 character
/// split across <see cref="Feed"/> calls is read correctly. An event that grows beyond the maximum puts the parser
/// in an overflow state (<see cref="HasOverflowed"/>) instead of buffering without bound.
/// </remarks>
public sealed class SseParser : IEventParser
{
    /// <summary>The default largest event, 1 MiB.</summary>
    public const int DefaultMaxEventBytes = 1 << 20;

    private readonly int _maxEventBytes;
    private readonly SseFields _fields = new();
    private readonly Queue<SseEvent> _ready = new();
    private byte[] _buf = new byte[4096];
    private int _count;      // bytes held; index 0 is the start of the pending event after each Feed
    private int _eventStart; // start of the pending event within the current Feed's scan
    private int _lineStart;
    private int _scan;
    private bool _skipLf;    // a line ended in \r at the end of the data; a \n that follows belongs to it
    private bool _started;

    /// <summary>Creates a parser that refuses events larger than <paramref name="maxEventBytes"/>.</summary>
    public SseParser(int maxEventBytes = DefaultMaxEventBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventBytes, 1);
        _maxEventBytes = maxEventBytes;
    }

    /// <summary>True once an event exceeded the maximum; the parser then ignores further input.</summary>
    public bool HasOverflowed { get; private set; }

    /// <summary>Bytes of the incomplete event held so far.</summary>
    public int PendingBytes => _count;

    /// <summary>Adds bytes from the stream; complete events become available from <see cref="TryRead"/>.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        if (HasOverflowed || bytes.IsEmpty) return;
        if (_count + bytes.Length > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _count + bytes.Length));
        bytes.CopyTo(_buf.AsSpan(_count));
        _count += bytes.Length;
        Scan();
        Compact();
        if (_count > _maxEventBytes)
        {
            HasOverflowed = true;
            _buf = [];
            _count = _lineStart = _scan = 0;
        }
    }

    /// <summary>Takes the next complete event, if any.</summary>
    public bool TryRead([MaybeNullWhen(false)] out SseEvent evt) => _ready.TryDequeue(out evt);

    /// <summary>At the end of the stream: takes the remaining complete events, then a last event that lacked its blank line.</summary>
    public bool TryFlush([MaybeNullWhen(false)] out SseEvent evt)
    {
        if (_ready.TryDequeue(out evt)) return true;
        if (HasOverflowed || _count == 0) return false;
        var end = _count;
        if (_buf[end - 1] == (byte)'\r') end--; // only a blank line waiting for a possible \n stays unscanned
        if (_skipLf && _lineStart == _count) end = _count;
        if (end > _lineStart) Line(_lineStart, end);
        evt = _fields.Dispatch(_buf.AsSpan(0, _count).ToArray());
        _count = _lineStart = _scan = 0;
        _skipLf = false;
        return true;
    }

    private void Scan()
    {
        while (_scan < _count)
        {
            var b = _buf[_scan];
            if (_skipLf)
            {
                _skipLf = false;
                if (b == (byte)'\n') { _lineStart = ++_scan; continue; }
            }
            if (b == (byte)'\n')
            {
                EndLine(_scan, _scan + 1);
            }
            else if (b == (byte)'\r')
            {
                if (_scan + 1 < _count)
                {
                    EndLine(_scan, _buf[_scan + 1] == (byte)'\n' ? _scan + 2 : _scan + 1);
                }
                else if (_scan == _lineStart)
                {
                    // A blank line ending in \r: wait for the next byte so the event's Raw bytes
                    // (with or without a \n) do not depend on how the stream was chunked.
                    return;
                }
                else
                {
                    EndLine(_scan, _scan + 1);
                    _skipLf = true;
                }
            }
            else
            {
                // Jump to the next line break in one vectorised search rather than testing each byte here.
                var next = _buf.AsSpan(_scan + 1, _count - _scan - 1).IndexOfAny((byte)'\r', (byte)'\n');
                _scan = next < 0 ? _count : _scan + 1 + next;
            }
        }
    }

    private void EndLine(int lineEnd, int next)
    {
        if (lineEnd == _lineStart)
        {
            _ready.Enqueue(_fields.Dispatch(_buf.AsSpan(_eventStart, next - _eventStart).ToArray()));
            _eventStart = next;
        }
        else
        {
            Line(_lineStart, lineEnd);
        }
        _scan = _lineStart = next;
    }

    private void Line(int start, int end)
    {
        var line = _buf.AsSpan(start, end - start);
        if (!_started)
        {
            _started = true;
            if (line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) line = line[3..]; // a BOM may open the stream
            if (line.IsEmpty) return;
        }
        _fields.Line(line);
    }

    // Drops the bytes of dispatched events once per Feed rather than once per event.
    private void Compact()
    {
        if (_eventStart == 0) return;
        _buf.AsSpan(_eventStart, _count - _eventStart).CopyTo(_buf);
        _count -= _eventStart;
        _lineStart -= _eventStart;
        _scan -= _eventStart;
        _eventStart = 0;
    }
}
