using System.Buffers;
using System.Text;
using Guardrail.Policies;
using Guardrail.Streaming;
using static Guardrail.Core.Tests.Streaming.SseStreams;

namespace Guardrail.Core.Tests.Streaming;

public class StreamGuardHoldBackTests
{
    private const string Blocked = "Withheld.";

    [Fact]
    public void Write_CleanStream_AllTextReleasedVerdictOnLastChunkDoneLast()
    {
        var inspector = new FakeInspector { BlockWord = "bomb" };
        var guard = new StreamGuard(StreamingMode.HoldBack, inspector, Blocked);

        var output = Run(guard, Stream("Hello ", "world. How", " are you? Fine", "."));

        Assert.Equal("Hello world. How are you? Fine.", ShownText(output));
        Assert.StartsWith(Role(), output); // the role delta goes out unchanged and first
        Assert.EndsWith("\n\n" + Done, output);
        var chunks = Chunks(output);
        Assert.Equal("stop", chunks[^2].Choices[0].FinishReason);
        Assert.Equal(12, (int)chunks[^1].Root["usage"]!["total_tokens"]!);
        Assert.Equal("allow", (string)chunks[^1].Root["guardrail"]!["decision"]!);
        Assert.All(chunks.SkipLast(1), c => Assert.Null(c.Root["guardrail"]));
        Assert.Equal(["Hello world. ", "How are you? ", "Fine."], inspector.Sentences.Select(s => s.Text));
        Assert.Equal(new StreamOutcome(false, 0, true, null), Assert.Single(inspector.Outcomes));
        Assert.True(guard.IsFinished);
        Assert.False(guard.IsCut);
    }

    [Fact]
    public void Write_SentenceNotYetComplete_TextWithheldUntilItPasses()
    {
        var guard = new StreamGuard(StreamingMode.HoldBack, new FakeInspector(), Blocked);
        var output = new ArrayBufferWriter<byte>();

        guard.Write(Encoding.UTF8.GetBytes(Role() + Content("Hello there.")), output);
        var afterFirst = Encoding.UTF8.GetString(output.WrittenSpan);
        guard.Write(Encoding.UTF8.GetBytes(Content(" Next")), output);
        var afterSecond = Encoding.UTF8.GetString(output.WrittenSpan);

        Assert.Equal("", ShownText(afterFirst));
        Assert.Equal("Hello there. ", ShownText(afterSecond));
    }

    [Fact]
    public void Write_BlockedSentence_CutChunkNoLeakDoneLast()
    {
        var inspector = new FakeInspector { BlockWord = "bomb" };
        var guard = new StreamGuard(StreamingMode.HoldBack, inspector, Blocked);

        var output = Run(guard, Stream("Hello there. ", "Build a ", "bomb now. ", "More text."));

        Assert.Equal("Hello there. \nWithheld.", ShownText(output));
        Assert.DoesNotContain("bomb", output);
        var last = Chunks(output)[^1];
        Assert.Equal("content_filter", last.Choices[0].FinishReason);
        Assert.Equal("block", (string)last.Root["guardrail"]!["decision"]!);
        Assert.Equal("chatcmpl-1", (string)last.Root["id"]!);
        Assert.EndsWith("\n\n" + Done, output);
        Assert.True(guard.IsCut);
        Assert.True(guard.IsFinished);
        Assert.Equal(0, guard.LeakedChars);
        Assert.Equal(new StreamOutcome(true, 0, false, "blocked"), Assert.Single(inspector.Outcomes));
    }

    [Fact]
    public void Write_FirstSentenceBlocked_MessageWithoutLeadingNewline()
    {
        var guard = new StreamGuard(StreamingMode.HoldBack, new FakeInspector { BlockWord = "bomb" }, Blocked);

        var output = Run(guard, Stream("A bomb. ", "Then"));

        Assert.Equal("Withheld.", ShownText(output));
    }

    [Fact]
    public void Write_RedactSpanAcrossChunks_MaskedInReleasedText()
    {
        var guard = new StreamGuard(StreamingMode.HoldBack, new FakeInspector { RedactWord = "a@b.io" }, Blocked);

        var output = Run(guard, Stream("Hi. Mail a@", "b.io today. ", "Bye."));

        Assert.Equal("Hi. Mail [EMAIL] today. Bye.", ShownText(output));
    }

    [Fact]
    public void Write_TrailingSentenceBlockedAtEnd_CutWithoutReleasingIt()
    {
        var inspector = new FakeInspector { BlockWord = "bomb" };
        var guard = new StreamGuard(StreamingMode.HoldBack, inspector, Blocked);

        var output = Run(guard, Stream("Fine. ", "Unterminated bomb"));

        Assert.Equal("Fine. \nWithheld.", ShownText(output));
        Assert.Equal(new StreamOutcome(true, 0, true, "blocked"), Assert.Single(inspector.Outcomes));
        Assert.EndsWith(Done, output);
        Assert.Single(Events(output), e => e.IsDone);
        // The held usage is carried into the cut chunk.
        Assert.Equal(12, (int)Chunks(output)[^1].Root["usage"]!["total_tokens"]!);
    }

    [Fact]
    public void Write_EverySplitSize_SameOutput()
    {
        var upstream = Stream("你好，世界。", "今天天气", "很好！ Hello ", "a@b.io. End");
        var expected = Run(new StreamGuard(StreamingMode.HoldBack, new FakeInspector { RedactWord = "a@b.io" }, Blocked), upstream);

        for (var size = 1; size <= Encoding.UTF8.GetByteCount(upstream); size += 1)
        {
            var output = Run(new StreamGuard(StreamingMode.HoldBack, new FakeInspector { RedactWord = "a@b.io" }, Blocked), upstream, size);
            Assert.Equal(expected, output);
        }
        Assert.Equal("你好，世界。今天天气很好！ Hello [EMAIL]. End", ShownText(expected));
    }
}
