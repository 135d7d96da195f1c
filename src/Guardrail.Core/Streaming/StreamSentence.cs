namespace Guardrail.Streaming;

/// <summary>A completed sentence of one streamed choice.</summary>
/// <param name="ChoiceIndex">The choice's index.</param>
/// <param name="TargetPath">The findings' target, <c>response.choices[i].message</c>.</param>
/// <param name="MessageText">All text of the choice so far; spans index this string.</param>
/// <param name="Start">Where the sentence starts in <paramref name="MessageText"/>.</param>
/// <param name="End">Where it ends (exclusive, trailing white space included).</param>
public sealed record StreamSentence(int ChoiceIndex, string TargetPath, string MessageText, int Start, int End)
{
    /// <summary>The sentence's text.</summary>
    public string Text => MessageText[Start..End];
}
