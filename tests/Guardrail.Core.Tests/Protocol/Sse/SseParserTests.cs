using System.Text;
using Guardrail.Protocol.Sse;

namespace Guardrail.Core.Tests.Protocol.Sse;

public class SseParserTests
{
    private const string Mixed =
        "\uFEFF: keep-alive\n\n" +
        "data: {\"choices\":[{\"delta\":{\"content\":\"你好，世界。\"}}]}\r\n\r\n" +
        "event: error\rdata:no-space\rdata: second line\r\r" +
        "id: 7\nretry: 1500\ndata\ndata: x\n\n" +
        "data: [DONE]\n\n";

    private static List<SseEvent> ParseInPieces(byte[] bytes, int size, int max = SseParser.DefaultMaxEventBytes)
    {
        var parser = new SseParser(max);
        var events = new List<SseEvent>();
        for (var i = 0; i < bytes.Length; i += size)
        {
            parser.Feed(bytes.AsSpan(i, Math.Min(size, bytes.Length - i)));
            while (parser.TryRead(out var e)) events.Add(e);
        }
        while (parser.TryFlush(out var e)) events.Add(e);
        return events;
    }

    private static string Describe(SseEvent e) =>
        $"{e.EventName}|{e.Data}|{e.HasData}|{e.Id}|{e.Retry}|{e.IsCommentOnly}|{Convert.ToHexString(e.Raw.Span)}";

    [Fact]
    public void Feed_EverySplitSize_IdenticalEventsAndRawBytes()
    {
        var bytes = Encoding.UTF8.GetBytes(Mixed);
        var expected = ParseInPieces(bytes, bytes.Length).Select(Describe).ToList();

        for (var size = 1; size <= bytes.Length; size++)
        {
            Assert.Equal(expected, ParseInPieces(bytes, size).Select(Describe));
        }
    }

    [Fact]
    public void Feed_MixedLineEndings_FieldsAndRawConcatenateToInput()
    {
        var bytes = Encoding.UTF8.GetBytes(Mixed);

        var events = ParseInPieces(bytes, 3);

        Assert.Equal(5, events.Count);
        Assert.True(events[0].IsCommentOnly);
        Assert.Equal("{\"choices\":[{\"delta\":{\"content\":\"你好，世界。\"}}]}", events[1].Data);
        Assert.Equal("error", events[2].EventName);
        Assert.Equal("no-space\nsecond line", events[2].Data);
        Assert.Equal("7", events[3].Id);
        Assert.Equal(1500, events[3].Retry);
        Assert.Equal("\nx", events[3].Data);
        Assert.True(events[4].IsDone);
        Assert.Equal(bytes, events.SelectMany(e => e.Raw.ToArray()));
    }

    [Fact]
    public void Feed_ChineseSplitInsideCharacter_DecodedIntact()
    {
        var bytes = Encoding.UTF8.GetBytes("data: 你好\n\n");
        var parser = new SseParser();

        parser.Feed(bytes.AsSpan(0, 7)); // "data: " + the first byte of 你
        Assert.False(parser.TryRead(out _));
        parser.Feed(bytes.AsSpan(7));

        Assert.True(parser.TryRead(out var e));
        Assert.Equal("你好", e.Data);
    }

    [Fact]
    public void TryFlush_LastEventWithoutBlankLine_Returned()
    {
        var parser = new SseParser();
        parser.Feed("data: a\n\ndata: [DONE]"u8);

        Assert.True(parser.TryRead(out var first));
        Assert.False(parser.TryRead(out _));
        Assert.True(parser.TryFlush(out var last));
        Assert.Equal("a", first.Data);
        Assert.True(last.IsDone);
        Assert.Equal("data: [DONE]"u8.ToArray(), last.Raw.ToArray());
        Assert.False(parser.TryFlush(out _));
    }

    [Fact]
    public void Feed_CrBlankLineAtEnd_WaitsForPossibleLf()
    {
        var parser = new SseParser();
        parser.Feed("data: a\r\r"u8);
        Assert.False(parser.TryRead(out _));

        parser.Feed("\ndata: b\n\n"u8);

        Assert.True(parser.TryRead(out var a));
        Assert.Equal("data: a\r\r\n"u8.ToArray(), a.Raw.ToArray());
        Assert.True(parser.TryRead(out var b));
        Assert.Equal("b", b.Data);
    }

    [Fact]
    public void Feed_EventLargerThanMax_OverflowsWithoutGrowing()
    {
        var parser = new SseParser(maxEventBytes: 64);
        parser.Feed("data: ok\n\n"u8);
        parser.Feed(Encoding.UTF8.GetBytes("data: " + new string('x', 100)));

        Assert.True(parser.HasOverflowed);
        Assert.Equal(0, parser.PendingBytes);
        Assert.True(parser.TryRead(out var ok));
        Assert.Equal("ok", ok.Data);
        parser.Feed("\n\ndata: later\n\n"u8);
        Assert.False(parser.TryRead(out _));
        Assert.False(parser.TryFlush(out _));
    }

    [Fact]
    public void Feed_ManySmallEventsInOneCall_AllReadWithinBound()
    {
        var parser = new SseParser(maxEventBytes: 32);
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("data: 0123456789\n\n", 100)));

        parser.Feed(bytes);

        var count = 0;
        while (parser.TryRead(out _)) count++;
        Assert.Equal(100, count);
        Assert.False(parser.HasOverflowed);
    }
}
