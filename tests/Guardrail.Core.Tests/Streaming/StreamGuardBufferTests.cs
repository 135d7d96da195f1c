using System.Buffers;
using System.Text;
using Guardrail.Policies;
using Guardrail.Streaming;
using static Guardrail.Core.Tests.Streaming.SseStreams;

namespace Guardrail.Core.Tests.Streaming;

public class StreamGuardBufferTests
{
    private const string Blocked = "Withheld.";

    [Fact]
    public void Complete_CleanStream_AllTextInOneChunkRedacted()
    {
        var inspector = new FakeInspector { RedactWord = "a@b.io" };
        var guard = new StreamGuard(StreamingMode.Buffer, inspector, Blocked);
        var output = new ArrayBufferWriter<byte>();

        guard.Write(Encoding.UTF8.GetBytes(Role() + Content("One. Mail a") + Content("@b.io now. Three.") + Finish() + Usage()), output);
        Assert.Empty(inspector.Sentences);
        Assert.Equal("", ShownText(Encoding.UTF8.GetString(output.WrittenSpan)));
        guard.Write(Encoding.UTF8.GetBytes(Done), output);
        var text = Encoding.UTF8.GetString(output.WrittenSpan);

        Assert.Equal("One. Mail [EMAIL] now. Three.", Assert.Single(Chunks(text), c => c.HasContent).Choices[0].Content);
        Assert.Equal(3, inspector.Sentences.Count);
        Assert.Equal("allow", (string)Chunks(text)[^1].Root["guardrail"]!["decision"]!);
        Assert.EndsWith(Done, text);
    }

    [Fact]
    public void Complete_BlockedSentence_NoTextReleased()
    {
        var inspector = new FakeInspector { BlockWord = "bomb" };
        var guard = new StreamGuard(StreamingMode.Buffer, inspector, Blocked);

        var output = Run(guard, Stream("Fine. ", "A bomb. ", "More."));

        Assert.Equal("Withheld.", ShownText(output));
        Assert.Equal("content_filter", Chunks(output)[^1].Choices[0].FinishReason);
        Assert.Equal(0, guard.LeakedChars);
        Assert.EndsWith(Done, output);
    }
}
