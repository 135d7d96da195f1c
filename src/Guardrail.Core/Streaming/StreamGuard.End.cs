using System.Buffers;
using System.Text.Json.Nodes;
using Guardrail.Policies;
using Guardrail.Protocol.Sse;
using Guardrail.Verdicts;

namespace Guardrail.Streaming;

public sealed partial class StreamGuard
{
    // The stream ended: check what is left, release it, then the held chunks with the verdict on the last one.
    private void Finish(IBufferWriter<byte> output)
    {
        // Everything is checked before anything more is released, so a failing last sentence of one choice
        // also withholds the remaining text of the others (and, in buffer mode, all text).
        foreach (var choice in _choices.Values)
        {
            while (choice.NextSentence(final: true) is { } sentence)
            {
                var check = _inspector.CheckSentence(sentence);
                if (check.Decision == Decision.Block)
                {
                    Cut(output, choice, "blocked", Math.Max(0, choice.Released - sentence.Start));
                    return;
                }
                choice.Accept(sentence, check, redact: _mode != StreamingMode.Observe);
            }
        }
        foreach (var choice in _choices.Values) ReleaseTo(choice, choice.Length, output);

        var verdict = _inspector.FinalVerdict(new StreamOutcome(false, 0, _sawDone, null));
        var last = _held.FindLastIndex(h => h.Chunk is not null);
        for (var i = 0; i < _held.Count; i++)
        {
            var held = _held[i];
            if (i == last) held.Chunk!["guardrail"] = verdict;
            if (held.Chunk is null) output.Write(held.Raw.Span);
            else SseWriter.WriteJson(output, held.Chunk);
        }
        if (last < 0) SseWriter.WriteJson(output, _template.Build([], new JsonObject { ["guardrail"] = verdict }));
        if (_sawDone) SseWriter.WriteDone(output);
        _held.Clear();
        IsFinished = true;
    }

    // Ends the stream now: a content_filter chunk for every choice (the block message on the offending one), then [DONE].
    private void Cut(IBufferWriter<byte> output, ChoiceStream? offending, string reason, int leaked)
    {
        LeakedChars = leaked;
        var verdict = _inspector.FinalVerdict(new StreamOutcome(true, leaked, _sawDone, reason));
        var indices = _choices.Count > 0 ? _choices.Keys.ToList() : [offending?.Index ?? 0];
        var choices = indices.Select(i => (i, i == offending?.Index ? Message(offending) : null, (string?)"content_filter"));
        var extra = new JsonObject { ["guardrail"] = verdict };
        // Clients that asked for usage still get it, although the held usage chunk itself is dropped.
        if (_held.LastOrDefault(h => h.Chunk?["usage"] is JsonObject)?.Chunk!["usage"] is JsonObject usage) extra["usage"] = usage.DeepClone();
        SseWriter.WriteJson(output, _template.Build(choices, extra));
        SseWriter.WriteDone(output);
        _held.Clear();
        IsCut = IsFinished = true;
    }

    // The message starts on a new line when the client already shows part of the answer.
    private string Message(ChoiceStream choice) => choice.Released > 0 ? "\n" + _blockMessage : _blockMessage;
}
