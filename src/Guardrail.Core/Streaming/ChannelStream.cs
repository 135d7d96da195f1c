using Guardrail.Protocol;
using Guardrail.Protocol.OpenAI;
using Guardrail.Text;
using Guardrail.Verdicts;

namespace Guardrail.Streaming;

/// <summary>The text of one streamed channel (a choice's content, a tool call's arguments, a content block): what arrived, what was checked, what the client has received.</summary>
internal sealed class ChannelStream(StreamChannel channel)
{
    // Append-only: sentences handed to the inspector keep reading their prefix of it (see StreamSentence), and
    // sentence search scans it in place instead of a copied tail.
    private char[] _text = new char[256];
    private readonly List<(TextSpan Span, string Mask)> _masks = [];

    public StreamChannel Channel { get; } = channel;
    public int Index => Channel.Choice;
    public string Path => Channel.Path;
    public int Length { get; private set; }
    /// <summary>Characters the channel's text array holds room for (what it costs in memory).</summary>
    public int Capacity => _text.Length;
    /// <summary>Start of the first sentence not yet checked.</summary>
    public int Checked { get; private set; }
    /// <summary>Characters of the text the client has received.</summary>
    public int Released { get; set; }
    /// <summary>True once the channel's choice was withheld while other choices go on.</summary>
    public bool Blocked { get; set; }

    /// <summary>The channel's text so far.</summary>
    public string Text => new(_text, 0, Length);

    public void Append(string content)
    {
        // A new array when full, never a resize in place: sentences already built still read the old one.
        if (Length + content.Length > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, Length + content.Length));
        content.CopyTo(_text.AsSpan(Length));
        Length += content.Length;
    }

    /// <summary>The next complete sentence not yet checked, or null; with <paramref name="final"/> the trailing text counts.</summary>
    public StreamSentence? NextSentence(bool final)
    {
        // FindBoundary never looks before a sentence's start, so scanning from Checked on is enough.
        if (Length == Checked) return null;
        // Tool arguments are JSON, not prose: they are checked whole, when the channel closes.
        if (Channel.WholeOnly && !final) return null;
        var length = SentenceSplitter.FindBoundary(_text.AsSpan(Checked, Length - Checked), 0, final);
        if (length <= 0) return null;
        return new StreamSentence(Index, Path, _text, Length, Checked, Checked + length) { Channel = Channel.Kind };
    }

    /// <summary>Marks the sentence as checked, keeping the masks of its redact findings for release.</summary>
    public void Accept(StreamSentence sentence, SentenceCheck check, bool redact)
    {
        Checked = sentence.End;
        if (!redact || check.Decision != Decision.Redact) return;
        foreach (var f in check.Findings)
        {
            if (f is not { Action: Decision.Redact, Mask: { } mask, Span: { } span }) continue;
            // Text already released cannot be masked any more; the rest of the span still can.
            if (span.End <= Released) continue;
            _masks.Add((new TextSpan(Math.Max(span.Start, Released), span.End), mask));
        }
    }

    /// <summary>The text from <see cref="Released"/> to <paramref name="upTo"/> with masks applied; advances Released.</summary>
    public string Release(int upTo)
    {
        var from = Released;
        var text = new string(_text, from, upTo - from);
        Released = upTo;
        if (_masks.Count == 0) return text;
        var spans = new List<(TextSpan, string)>();
        for (var i = _masks.Count - 1; i >= 0; i--)
        {
            var (span, mask) = _masks[i];
            if (span.Start >= upTo) continue;
            spans.Add((new TextSpan(span.Start - from, Math.Min(span.End, upTo) - from), mask));
            // A span crossing into text not yet released continues there without a second mask.
            if (span.End > upTo) _masks[i] = (new TextSpan(upTo, span.End), "");
            else _masks.RemoveAt(i);
        }
        return spans.Count == 0 ? text : Redactor.Apply(text, spans);
    }
}
