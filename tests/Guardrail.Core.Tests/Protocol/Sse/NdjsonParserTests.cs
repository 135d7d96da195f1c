using System.Text;
using Guardrail.Protocol.Sse;

namespace Guardrail.Core.Tests.Protocol.Sse;

public class NdjsonParserTests
{
    private static List<SseEvent> Parse(string input, int size, int max = 1 << 20)
    {
        var parser = new NdjsonParser(max);
        var bytes = Encoding.UTF8.GetBytes(input);
        var events = new List<SseEvent>();
        for (var i = 0; i < bytes.Length; i += size)
        {
            parser.Feed(bytes.AsSpan(i, Math.Min(size, bytes.Length - i)));
            while (parser.TryRead(out var e)) events.Add(e);
        }
        while (parser.TryFlush(out var e)) events.Add(e);
        return events;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(1000)]
    public void Feed_AnyChunking_OneEventPerLineRawKept(int size)
    {
        var input = "{\"a\":\"é\"}\r\n\n{\"b\":2}\n{\"c\":3}";

        var events = Parse(input, size);

        Assert.Equal(["{\"a\":\"é\"}", "", "{\"b\":2}", "{\"c\":3}"], events.Select(e => e.Data));
        Assert.Equal([false, true, false, false], events.Select(e => e.IsCommentOnly));
        Assert.Equal(input, string.Concat(events.Select(e => Encoding.UTF8.GetString(e.Raw.Span))));
    }

    [Fact]
    public void Feed_LineOverTheLimit_Overflowed()
    {
        var parser = new NdjsonParser(16);

        parser.Feed(Encoding.UTF8.GetBytes(new string('x', 40)));

        Assert.True(parser.HasOverflowed);
        Assert.False(parser.TryFlush(out _));
    }
}
