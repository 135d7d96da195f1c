using System.Buffers;
using System.Text;
using Guardrail.Policies;
using Guardrail.Streaming;
using static Guardrail.Core.Tests.Streaming.SseStreams;

namespace Guardrail.Core.Tests.Streaming;

public class StreamGuardEdgeTests
{
    private const string Blocked = "Withheld.";

    [Theory]
    [InlineData(StreamingMode.HoldBack)]
    [InlineData(StreamingMode.Observe)]
    [InlineData(StreamingMode.Buffer)]
    public void Write_NonChunkEvents_PassedThroughUnchangedInOrder(StreamingMode mode)
    {
        var guard = new StreamGuard(mode, new FakeInspector(), Blocked);
        const string ping = ": ping\n\n";
        const string malformed = "data: {\"choices\":[\r\n\r\n";
        const string error = "event: error\ndata: {\"error\":{\"message\":\"overloaded\"}}\n\n";

        var output = Run(guard, ping + Role() + malformed + Content("Hi. ") + error + Content("Bye."));

        Assert.StartsWith(ping + Role() + malformed, output);
        Assert.Contains(error, output);
        Assert.Equal("Hi. Bye.", ShownText(output));
    }

    [Fact]
    public void Complete_AbruptEnd_TextReleasedSyntheticVerdictChunkNoDone()
    {
        var inspector = new FakeInspector();
        var guard = new StreamGuard(StreamingMode.HoldBack, inspector, Blocked);

        var output = Run(guard, Role() + Content("Half a sen"));

        Assert.Equal("Half a sen", ShownText(output));
        var last = Chunks(output)[^1];
        Assert.Empty(last.Choices);
        Assert.False((bool)last.Root["guardrail"]!["completed"]!);
        Assert.DoesNotContain("[DONE]", output);
        Assert.Equal(new StreamOutcome(false, 0, false, null), Assert.Single(inspector.Outcomes));
    }

    [Fact]
    public void Write_TwoChoicesSecondBlocked_BothEndWithContentFilter()
    {
        var guard = new StreamGuard(StreamingMode.HoldBack, new FakeInspector { BlockWord = "bomb" }, Blocked);
        var upstream = Role(0) + Role(1) + Content("Good one. ", 0) + Content("A bomb. ", 1) + Content("Next", 0) + Content("Next", 1);

        var output = Run(guard, upstream);

        Assert.Equal("Good one. ", ShownText(output, 0));
        Assert.Equal("Withheld.", ShownText(output, 1));
        var last = Chunks(output)[^1];
        Assert.Equal([0, 1], last.Choices.Select(c => c.Index));
        Assert.All(last.Choices, c => Assert.Equal("content_filter", c.FinishReason));
    }

    [Fact]
    public void Write_TwoChoicesClean_EachChoiceTextTrackedByIndex()
    {
        var guard = new StreamGuard(StreamingMode.HoldBack, new FakeInspector(), Blocked);
        var upstream = Role(0) + Role(1) + Content("Zero. ", 0) + Content("One. ", 1) + Content("End0", 0)
            + Finish(0) + Content("End1", 1) + Finish(1) + Usage() + Done;

        var output = Run(guard, upstream);

        Assert.Equal("Zero. End0", ShownText(output, 0));
        Assert.Equal("One. End1", ShownText(output, 1));
        Assert.NotNull(Chunks(output)[^1].Root["guardrail"]);
        Assert.EndsWith(Done, output);
    }

    [Fact]
    public void Write_EventLargerThanMax_CutWithReason()
    {
        var inspector = new FakeInspector();
        var guard = new StreamGuard(StreamingMode.Observe, inspector, Blocked, maxEventBytes: 256);

        var output = Run(guard, Role() + "data: " + new string('x', 1000));

        Assert.True(guard.IsCut);
        Assert.Equal(Guardrail.Protocol.UncheckedCodes.StreamEventTooLarge, Assert.Single(inspector.Outcomes).CutReason);
        Assert.Contains(inspector.UncheckedCalls, c => c.Code == Guardrail.Protocol.UncheckedCodes.StreamEventTooLarge);
        Assert.Equal("content_filter", Chunks(output)[^1].Choices[0].FinishReason);
        Assert.EndsWith(Done, output);
    }

    [Fact]
    public void Write_AfterFinished_Ignored()
    {
        var guard = new StreamGuard(StreamingMode.HoldBack, new FakeInspector(), Blocked);
        var output = new ArrayBufferWriter<byte>();
        guard.Write(Encoding.UTF8.GetBytes(Stream("Done.")), output);
        var length = output.WrittenCount;

        guard.Write(Encoding.UTF8.GetBytes(Content("late")), output);
        guard.Complete(output);

        Assert.True(guard.IsFinished);
        Assert.Equal(length, output.WrittenCount);
    }
}
