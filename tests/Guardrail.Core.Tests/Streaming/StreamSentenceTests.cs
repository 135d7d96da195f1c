using Guardrail.Policies;
using Guardrail.Streaming;
using static Guardrail.Core.Tests.Streaming.SseStreams;

namespace Guardrail.Core.Tests.Streaming;

public class StreamSentenceTests
{
    [Fact]
    public void CheckSentence_SentencesKeptByInspector_MessageTextIsTheTextWhenEachCompleted()
    {
        // Long enough for the choice's buffer to grow several times while sentences are held.
        var pieces = Enumerable.Range(0, 40).Select(i => $"Sentence number {i} is here. Next").ToArray();
        var inspector = new FakeInspector();

        Run(new StreamGuard(StreamingMode.HoldBack, inspector, "Withheld."), Stream(pieces));

        var text = "";
        var seen = "";
        foreach (var piece in pieces)
        {
            text += piece;
            foreach (var s in inspector.Sentences.Where(s => s.MessageText.Length == text.Length))
            {
                Assert.Equal(text, s.MessageText);
                Assert.Equal(text[s.Start..s.End], s.Text);
                seen += s.Text;
            }
        }
        Assert.Equal(41, inspector.Sentences.Count);
        Assert.Equal(text, seen);
    }

    [Fact]
    public void Equals_SameComponents_EqualHoweverHeld()
    {
        var fromString = new StreamSentence(1, "p", "Hi. There", 4, 9);
        var fromBuffer = new StreamSentence(1, "p", "Hi. There!!".ToCharArray(), 9, 4, 9);

        Assert.Equal(fromString, fromBuffer);
        Assert.Equal(fromString.GetHashCode(), fromBuffer.GetHashCode());
        Assert.Equal("There", fromBuffer.Text);
        Assert.NotEqual(fromString, fromBuffer with { Start = 3 });
        var (index, path, message, start, end) = fromBuffer;
        Assert.Equal((1, "p", "Hi. There", 4, 9), (index, path, message, start, end));
    }
}
