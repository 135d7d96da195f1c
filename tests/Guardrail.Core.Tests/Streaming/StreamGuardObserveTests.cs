using Guardrail.Policies;
using Guardrail.Streaming;
using static Guardrail.Core.Tests.Streaming.SseStreams;

namespace Guardrail.Core.Tests.Streaming;

public class StreamGuardObserveTests
{
    private const string Blocked = "Withheld.";

    [Fact]
    public void Write_CleanStream_EventsForwardedUnchanged()
    {
        var guard = new StreamGuard(StreamingMode.Observe, new FakeInspector { BlockWord = "bomb" }, Blocked);
        var body = Role() + Content("Hello. ") + Content("World.");

        var output = Run(guard, body + Finish() + Usage() + Done);

        Assert.StartsWith(body, output);
        Assert.Equal("Hello. World.", ShownText(output));
        Assert.Equal("allow", (string)Chunks(output)[^1].Root["guardrail"]!["decision"]!);
        Assert.EndsWith(Done, output);
    }

    [Fact]
    public void Write_BlockedSentence_CutAfterLeakingThatSentence()
    {
        var inspector = new FakeInspector { BlockWord = "bomb" };
        var guard = new StreamGuard(StreamingMode.Observe, inspector, Blocked);

        var output = Run(guard, Stream("Hello there. ", "Build a ", "bomb now. ", "More text."));

        // The chunk that completes the failing sentence is checked before it is forwarded, so only the
        // part of the sentence that arrived earlier leaks.
        Assert.Equal("Hello there. Build a \nWithheld.", ShownText(output));
        Assert.DoesNotContain("More text", output);
        Assert.Equal("content_filter", Chunks(output)[^1].Choices[0].FinishReason);
        Assert.EndsWith("\n\n" + Done, output);
        Assert.Equal("Build a ".Length, guard.LeakedChars);
        Assert.Equal(new StreamOutcome(true, 8, false, "blocked"), Assert.Single(inspector.Outcomes));
        Assert.Equal(8, (int)Chunks(output)[^1].Root["guardrail"]!["leaked"]!);
    }

    [Fact]
    public void Write_SentenceCompletedInOneChunk_ThatChunkNotForwarded()
    {
        var guard = new StreamGuard(StreamingMode.Observe, new FakeInspector { BlockWord = "bomb" }, Blocked);

        var output = Run(guard, Stream("Fine. ", "A bomb. Next"));

        Assert.Equal("Fine. \nWithheld.", ShownText(output));
        Assert.Equal(0, guard.LeakedChars);
    }

    [Fact]
    public void Complete_TrailingSentenceBlocked_LeakIsItsLength()
    {
        var inspector = new FakeInspector { BlockWord = "bomb" };
        var guard = new StreamGuard(StreamingMode.Observe, inspector, Blocked);

        var output = Run(guard, Role() + Content("Fine. ") + Content("a bomb"));

        Assert.Equal(6, guard.LeakedChars);
        Assert.Equal(new StreamOutcome(true, 6, false, "blocked"), Assert.Single(inspector.Outcomes));
        Assert.EndsWith(Done, output);
    }

    [Fact]
    public void Write_RedactDecision_TextStillForwardedUnmasked()
    {
        var guard = new StreamGuard(StreamingMode.Observe, new FakeInspector { RedactWord = "a@b.io" }, Blocked);

        var output = Run(guard, Stream("Mail a@b.io now. ", "Bye."));

        Assert.Equal("Mail a@b.io now. Bye.", ShownText(output));
    }
}
