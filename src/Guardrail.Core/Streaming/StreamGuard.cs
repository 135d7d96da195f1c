using System.Buffers;
using Guardrail.Policies;
using Guardrail.Protocol.OpenAI;
using Guardrail.Protocol.Sse;
using Guardrail.Verdicts;

namespace Guardrail.Streaming;

/// <summary>Guards one streamed chat completion: parses upstream SSE bytes and decides what the client may see (DESIGN.md §4).</summary>
/// <remarks>Not thread-safe: one instance per response, fed from one reader.</remarks>
public sealed partial class StreamGuard
{
    private readonly StreamingMode _mode;
    private readonly IStreamInspector _inspector;
    private readonly string _blockMessage;
    private readonly SseParser _parser;
    private readonly ChatChunkTemplate _template = new();
    private readonly SortedDictionary<int, ChoiceStream> _choices = [];
    private readonly List<HeldEvent> _held = [];
    private readonly List<ChoiceStream> _affected = []; // reused by every event
    private bool _holding;
    private bool _sawDone;

    /// <summary>Creates a guard releasing text per <paramref name="mode"/>; <paramref name="blockMessage"/> ends a cut answer.</summary>
    public StreamGuard(StreamingMode mode, IStreamInspector inspector, string blockMessage, int maxEventBytes = 1 << 20)
    {
        _mode = mode;
        _inspector = inspector;
        _blockMessage = blockMessage;
        _parser = new SseParser(maxEventBytes);
    }

    /// <summary>True after a cut: the caller stops reading upstream and calls nothing more.</summary>
    public bool IsCut { get; private set; }

    /// <summary>True once the final verdict was emitted (after a cut, or after <see cref="Complete"/>).</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Characters of offending text the client received before a cut.</summary>
    public int LeakedChars { get; private set; }

    /// <summary>Feeds upstream bytes and appends to <paramref name="output"/> what may be released now.</summary>
    public void Write(ReadOnlySpan<byte> upstreamBytes, IBufferWriter<byte> output)
    {
        if (IsFinished) return;
        _parser.Feed(upstreamBytes);
        while (!IsFinished && _parser.TryRead(out var evt)) Handle(evt, output);
        CutIfOverflowed(output);
    }

    /// <summary>The upstream ended (after <c>[DONE]</c> or abruptly): emits pending text, held chunks and the final verdict.</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        if (IsFinished) return;
        while (!IsFinished && _parser.TryFlush(out var evt)) Handle(evt, output);
        CutIfOverflowed(output);
        if (!IsFinished) Finish(output);
    }

    private void CutIfOverflowed(IBufferWriter<byte> output)
    {
        // An event too large to parse cannot be checked, so nothing more of the stream is released.
        if (!IsFinished && _parser.HasOverflowed) Cut(output, null, "event-too-large", 0);
    }

    private void Handle(SseEvent evt, IBufferWriter<byte> output)
    {
        if (evt.IsDone)
        {
            _sawDone = true;
            Finish(output);
            return;
        }
        if (evt.IsCommentOnly || evt.EventName is not (null or "message") || !evt.HasData
            || !ChatChunk.TryParse(evt.Data, _template, out var chunk))
        {
            PassThrough(evt.Raw, output);
            return;
        }

        var affected = _affected;
        affected.Clear();
        for (var i = 0; i < chunk.Choices.Count; i++)
        {
            var c = chunk.Choices[i];
            var choice = Choice(c.Index);
            if (!string.IsNullOrEmpty(c.Content))
            {
                choice.Append(c.Content);
                if (!affected.Contains(choice)) affected.Add(choice);
            }
        }

        // The finish chunk and what follows it (usage) wait for the end, where the verdict is known;
        // later text of choices still streaming (n > 1) goes on as usual.
        if (chunk.HasFinish || (_holding && (chunk.Choices.Count == 0 || chunk.Choices.Any(c => Choice(c.Index).Finished))))
        {
            _holding = true;
            foreach (var c in chunk.Choices) if (c.FinishReason is not null) Choice(c.Index).Finished = true;
            var held = chunk.HasContent ? chunk.WithoutContent() : chunk.Root;
            if (held is not null) _held.Add(new HeldEvent(evt.Raw, held));
            return;
        }

        if (_mode == StreamingMode.Observe)
        {
            // Checked before forwarding, so the chunk that completes a failing sentence never leaves.
            foreach (var choice in affected) if (!CheckStreaming(choice, output)) return;
            output.Write(evt.Raw.Span);
            foreach (var choice in affected) choice.Released = choice.Length;
            return;
        }

        if (!chunk.HasContent) output.Write(evt.Raw.Span);
        else if (chunk.WithoutContent() is { } rest) SseWriter.WriteJson(output, rest);
        if (_mode == StreamingMode.HoldBack)
        {
            foreach (var choice in affected) if (!CheckStreaming(choice, output)) return;
        }
    }

    private void PassThrough(ReadOnlyMemory<byte> raw, IBufferWriter<byte> output)
    {
        if (_holding) _held.Add(new HeldEvent(raw, null));
        else output.Write(raw.Span);
    }

    private ChoiceStream Choice(int index)
    {
        if (!_choices.TryGetValue(index, out var choice)) _choices[index] = choice = new ChoiceStream(index);
        return choice;
    }
}
