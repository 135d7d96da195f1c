using System.Buffers;
using System.Text;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Streaming;
using static Guardrail.Core.Tests.Streaming.SseStreams;

namespace Guardrail.Core.Tests.Streaming;

/// <summary>What the guard holds of a stream is measurable, and past the budget it stops holding without losing a byte.</summary>
public class StreamGuardRetentionTests
{
    private const string Blocked = "Withheld.";

    [Fact]
    public void RetainedBytes_BufferMode_GrowsWithEveryEvent()
    {
        var guard = new StreamGuard(StreamingMode.Buffer, new FakeInspector(), Blocked);
        var output = new ArrayBufferWriter<byte>();

        guard.Write(Encoding.UTF8.GetBytes(Role() + Content("One. ")), output);
        var first = guard.RetainedBytes;
        guard.Write(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Content("More words here. "), 200))), output);

        Assert.True(first > 0);
        Assert.True(guard.RetainedBytes > first + 200 * 17 * 2, $"{first} then {guard.RetainedBytes}");
    }

    [Fact]
    public void StopRetaining_BufferModeOpen_HeldTextCheckedAndReleasedRestRelayedUnchecked()
    {
        var inspector = new FakeInspector { BlockWord = "bomb" };
        var guard = new StreamGuard(StreamingMode.Buffer, inspector, Blocked);
        var output = new ArrayBufferWriter<byte>();

        guard.Write(Encoding.UTF8.GetBytes(Role() + Content("One. ") + Content("Two. ")), output);
        guard.StopRetaining(output);
        var atStop = guard.RetainedBytes;
        // Relayed unread: even a word the inspector would block passes, and nothing more is held.
        guard.Write(Encoding.UTF8.GetBytes(Content("A bomb. ") + Content("Three.") + Finish() + Usage() + Done), output);
        var text = Encoding.UTF8.GetString(output.WrittenSpan);

        Assert.True(guard.IsRelaying);
        Assert.Equal("One. Two. A bomb. Three.", ShownText(text));
        Assert.Equal(UncheckedCodes.MemoryBudget, Assert.Single(inspector.UncheckedCalls).Code);
        Assert.Equal(2, inspector.Sentences.Count);
        Assert.Equal(atStop, guard.RetainedBytes);
        Assert.Equal("stop", Chunks(text).Last(c => c.Choices.Count > 0).Choices[0].FinishReason);
        Assert.NotNull(Chunks(text)[^1].Root["guardrail"]);
        Assert.EndsWith(Done, text);
    }

    [Fact]
    public void StopRetaining_HeldSentenceFails_StreamCutBeforeRelaying()
    {
        var inspector = new FakeInspector { BlockWord = "bomb" };
        var guard = new StreamGuard(StreamingMode.Buffer, inspector, Blocked);
        var output = new ArrayBufferWriter<byte>();

        guard.Write(Encoding.UTF8.GetBytes(Role() + Content("One. A bomb. ")), output);
        guard.StopRetaining(output);

        Assert.True(guard.IsCut);
        Assert.False(guard.IsRelaying);
        Assert.Equal(Blocked, ShownText(Encoding.UTF8.GetString(output.WrittenSpan)));
    }

    [Fact]
    public void StopRetaining_FailClosed_CutWithNothingReleased()
    {
        var inspector = new FakeInspector { FailClosed = true };
        var guard = new StreamGuard(StreamingMode.Buffer, inspector, Blocked);
        var output = new ArrayBufferWriter<byte>();

        guard.Write(Encoding.UTF8.GetBytes(Role() + Content("One. Two. ")), output);
        guard.StopRetaining(output);
        var text = Encoding.UTF8.GetString(output.WrittenSpan);

        Assert.True(guard.IsCut);
        Assert.DoesNotContain("One.", ShownText(text));
        Assert.Equal("content_filter", Chunks(text)[^1].Choices[0].FinishReason);
        Assert.Equal(UncheckedCodes.MemoryBudget, inspector.Outcomes.Single().CutReason);
    }

    [Fact]
    public void StopRetaining_HoldBack_PendingSentenceReleasedAndRestRelayed()
    {
        var guard = new StreamGuard(StreamingMode.HoldBack, new FakeInspector(), Blocked);
        var output = new ArrayBufferWriter<byte>();

        guard.Write(Encoding.UTF8.GetBytes(Role() + Content("One. Two is still")), output);
        guard.StopRetaining(output);
        guard.Write(Encoding.UTF8.GetBytes(Content(" going. Three.") + Finish() + Done), output);

        Assert.Equal("One. Two is still going. Three.", ShownText(Encoding.UTF8.GetString(output.WrittenSpan)));
    }
}
