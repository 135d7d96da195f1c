using System.Text;
using Guardrail.Protocol.OpenAI;
using Guardrail.Text;
using Guardrail.Verdicts;

namespace Guardrail.Streaming;

/// <summary>The text of one streamed choice: what arrived, what was checked, what the client has received.</summary>
internal sealed class ChoiceStream(int index)
{
    private readonly StringBuilder _text = new();
    private readonly List<(TextSpan Span, string Mask)> _masks = [];
    private string _tail = ""; // text from Checked on: FindBoundary never looks before a sentence's start

    public int Index { get; } = index;
    public string Path { get; } = ChatCompletionReader.TargetPath(index);
    public int Length => _text.Length;
    /// <summary>Start of the first sentence not yet checked.</summary>
    public int Checked { get; private set; }
    /// <summary>Characters of the text the client has received.</summary>
    public int Released { get; set; }
    /// <summary>True once the upstream sent this choice's finish_reason.</summary>
    public bool Finished { get; set; }

    public void Append(string content)
    {
        _text.Append(content);
        _tail += content;
    }

    /// <summary>The next complete sentence not yet checked, or null; with <paramref name="final"/> the trailing text counts.</summary>
    public StreamSentence? NextSentence(bool final)
    {
        if (_tail.Length == 0) return null;
        var length = SentenceSplitter.FindBoundary(_tail, 0, final);
        if (length <= 0) return null;
        return new StreamSentence(Index, Path, _text.ToString(), Checked, Checked + length);
    }

    /// <summary>Marks the sentence as checked, keeping the masks of its redact findings for release.</summary>
    public void Accept(StreamSentence sentence, SentenceCheck check, bool redact)
    {
        _tail = _tail[(sentence.End - Checked)..];
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
        var text = _text.ToString(from, upTo - from);
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
        Released = upTo;
        return spans.Count == 0 ? text : Redactor.Apply(text, spans);
    }
}
