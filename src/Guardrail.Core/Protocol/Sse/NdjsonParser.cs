using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Guardrail.Protocol.Sse;

/// <summary>
/// Splits a newline-delimited JSON stream (<c>application/x-ndjson</c>, as Ollama streams) into one event per line:
/// <see cref="SseEvent.Data"/> is the line, <see cref="SseEvent.Raw"/> its exact bytes with the line break, so the
/// shared stream guard handles it as it handles SSE. A blank line is a comment-only event.
/// </summary>
public sealed class NdjsonParser(int maxLineBytes = SseParser.DefaultMaxEventBytes) : IEventParser
{
    private readonly Queue<SseEvent> _ready = new();
    private byte[] _buf = new byte[4096];
    private int _count;
    private int _scanned; // bytes already searched for a line break

    /// <inheritdoc/>
    public bool HasOverflowed { get; private set; }

    /// <inheritdoc/>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        if (HasOverflowed || bytes.IsEmpty) return;
        if (_count + bytes.Length > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _count + bytes.Length));
        bytes.CopyTo(_buf.AsSpan(_count));
        _count += bytes.Length;
        var start = 0;
        while (true)
        {
            var lf = _buf.AsSpan(_scanned, _count - _scanned).IndexOf((byte)'\n');
            if (lf < 0) break;
            var end = _scanned + lf + 1;
            _ready.Enqueue(Line(_buf.AsSpan(start, end - start)));
            start = _scanned = end;
        }
        _buf.AsSpan(start, _count - start).CopyTo(_buf);
        _count -= start;
        _scanned = _count;
        if (_count > maxLineBytes)
        {
            HasOverflowed = true;
            _buf = [];
            _count = _scanned = 0;
        }
    }

    /// <inheritdoc/>
    public bool TryRead([MaybeNullWhen(false)] out SseEvent evt) => _ready.TryDequeue(out evt);

    /// <inheritdoc/>
    public bool TryFlush([MaybeNullWhen(false)] out SseEvent evt)
    {
        if (_ready.TryDequeue(out evt)) return true;
        if (HasOverflowed || _count == 0) return false;
        evt = Line(_buf.AsSpan(0, _count));
        _count = _scanned = 0;
        return true;
    }

    private static SseEvent Line(ReadOnlySpan<byte> raw)
    {
        var line = raw.TrimEnd("\r\n"u8);
        if (line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) line = line[3..];
        var blank = line.Trim(" \t"u8).IsEmpty;
        return new SseEvent
        {
            Data = blank ? "" : Encoding.UTF8.GetString(line),
            HasData = !blank,
            IsCommentOnly = blank,
            Raw = raw.ToArray(),
        };
    }
}
