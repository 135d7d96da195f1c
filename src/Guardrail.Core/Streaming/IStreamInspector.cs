using System.Text.Json.Nodes;

namespace Guardrail.Streaming;

/// <summary>Checks streamed answer text sentence by sentence and produces the stream's final verdict.</summary>
public interface IStreamInspector
{
    /// <summary>
    /// Called for each completed sentence of a channel (hold-back and observe: as soon as it completes; buffer: all at
    /// the end). At the end of the stream, or when a channel closes, the trailing unterminated text is checked as a last sentence.
    /// </summary>
    SentenceCheck CheckSentence(StreamSentence sentence);

    /// <summary>
    /// Records that part of the stream could not be read (an unknown or unreadable event, an oversized one); returns
    /// true when the policy fails closed, so the guard withholds the rest instead of releasing what it cannot read.
    /// </summary>
    bool Unchecked(string code, string? detail);

    /// <summary>Called exactly once, when the stream ends or is cut; the verdict JSON rides in the last event.</summary>
    JsonObject FinalVerdict(StreamOutcome outcome);
}
