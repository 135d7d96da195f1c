namespace Guardrail.Streaming;

/// <summary>A completed sentence of one streamed choice.</summary>
/// <remarks>
/// The guard builds sentences over the choice's append-only text buffer, so neither the whole message nor the sentence
/// becomes a string until an inspector reads it: copying the message for every sentence made a stream's cost quadratic
/// in its length. Inspectors that only need the sentence should read <see cref="Text"/> and <see cref="Start"/>.
/// </remarks>
public sealed record StreamSentence
{
    // The choice's text buffer; its first _length characters never change once written, so a sentence kept by an
    // inspector still reads the message as it was when the sentence completed.
    private readonly char[]? _buffer;
    private readonly int _length;
    private string? _messageText;

    /// <summary>A sentence of a message already held as a string.</summary>
    /// <param name="choiceIndex">The choice's index.</param>
    /// <param name="targetPath">The findings' target, <c>response.choices[i].message</c>.</param>
    /// <param name="messageText">All text of the choice so far; spans index this string.</param>
    /// <param name="start">Where the sentence starts in <paramref name="messageText"/>.</param>
    /// <param name="end">Where it ends (exclusive, trailing white space included).</param>
    public StreamSentence(int choiceIndex, string targetPath, string messageText, int start, int end)
    {
        ChoiceIndex = choiceIndex;
        TargetPath = targetPath;
        _messageText = messageText;
        Start = start;
        End = end;
    }

    /// <summary>A sentence over the first <paramref name="length"/> characters of a choice's text buffer.</summary>
    internal StreamSentence(int choiceIndex, string targetPath, char[] buffer, int length, int start, int end)
    {
        ChoiceIndex = choiceIndex;
        TargetPath = targetPath;
        _buffer = buffer;
        _length = length;
        Start = start;
        End = end;
    }

    /// <summary>The choice's index.</summary>
    public int ChoiceIndex { get; init; }

    /// <summary>What kind of text the sentence is part of (content, reasoning, tool arguments…).</summary>
    public Guardrail.Protocol.TextChannel Channel { get; init; }

    /// <summary>The findings' target, <c>response.choices[i].message</c>.</summary>
    public string TargetPath { get; init; }

    /// <summary>All text of the choice so far; spans index this string. Built on first read (it copies the whole message).</summary>
    public string MessageText
    {
        get => _messageText ??= new string(_buffer!, 0, _length);
        init => _messageText = value;
    }

    /// <summary>Where the sentence starts in <see cref="MessageText"/>.</summary>
    public int Start { get; init; }

    /// <summary>Where it ends (exclusive, trailing white space included).</summary>
    public int End { get; init; }

    /// <summary>The sentence's text, copied without building <see cref="MessageText"/>.</summary>
    public string Text => _messageText is not null ? _messageText[Start..End] : new string(_buffer!, Start, End - Start);

    /// <summary>Equal when all five components are equal, however the text is held.</summary>
    public bool Equals(StreamSentence? other) =>
        other is not null && ChoiceIndex == other.ChoiceIndex && TargetPath == other.TargetPath
        && Start == other.Start && End == other.End && MessageText == other.MessageText;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ChoiceIndex, TargetPath, MessageText, Start, End);

    /// <summary>Deconstructs into the five components, as the positional record it replaced did.</summary>
    public void Deconstruct(out int ChoiceIndex, out string TargetPath, out string MessageText, out int Start, out int End)
    {
        ChoiceIndex = this.ChoiceIndex;
        TargetPath = this.TargetPath;
        MessageText = this.MessageText;
        Start = this.Start;
        End = this.End;
    }
}
