using System.Text.Json.Nodes;

namespace Guardrail.Streaming;

/// <summary>Checks streamed answer text sentence by sentence and produces the stream's final verdict.</summary>
public interface IStreamInspector
{
    /// <summary>
    /// Called for each completed sentence of a choice (hold-back and observe: as soon as it completes; buffer: all at
    /// the end). At the end of the stream the trailing unterminated text is checked as a last sentence.
    /// </summary>
    SentenceCheck CheckSentence(StreamSentence sentence);

    /// <summary>Called exactly once, when the stream ends or is cut; the verdict JSON rides in the last chunk's <c>guardrail</c> field.</summary>
    JsonObject FinalVerdict(StreamOutcome outcome);
}
