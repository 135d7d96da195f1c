using System.Buffers;
using System.Text.Json.Nodes;
using Guardrail.Protocol.Sse;

namespace Guardrail.Protocol.OpenAI;

public sealed partial class ChatStreamCodec
{
    /// <inheritdoc/>
    public void WriteEnd(IBufferWriter<byte> output, StreamEnd end)
    {
        var chunks = end.Held.Select(Tail).ToList();
        var pending = new Dictionary<int, string>(end.Blocked);
        foreach (var chunk in chunks)
        {
            if (chunk?["choices"] is not JsonArray choices) continue;
            foreach (var node in choices)
            {
                // A choice withheld while others went on ends with the message and content_filter where its finish was.
                if (node is not JsonObject choice || JsonBody.Int(choice["index"]) is not { } index || !pending.Remove(index, out var message)) continue;
                choice["delta"] = new JsonObject { [_blockField] = message };
                choice["finish_reason"] = "content_filter";
            }
        }
        var last = chunks.FindLastIndex(c => c is not null);
        if (pending.Count > 0 || last < 0)
        {
            var choices = pending.Select(p => (p.Key, (string?)p.Value, (string?)"content_filter"));
            chunks.Add(_template.Build(choices, null, _blockField));
            last = chunks.Count - 1;
        }
        chunks[last]!["guardrail"] = end.Verdict;
        var sawDone = false;
        for (var i = 0; i < end.Held.Count; i++)
        {
            var read = end.Held[i];
            if (read.Kind == StreamEventKind.End) sawDone = true;
            else if (chunks[i] is { } chunk) SseWriter.WriteJson(output, chunk);
            else if (read.State is not ChatChunk) output.Write(read.Event.Raw.Span);
        }
        if (last >= end.Held.Count) SseWriter.WriteJson(output, chunks[last]!);
        if (sawDone) SseWriter.WriteDone(output);
    }

    // A held chunk as it is written at the end: without its text, which the guard released before it. Null for non-chunks
    // (written as they came) and for chunks with nothing left.
    private static JsonObject? Tail(StreamRead read)
    {
        if (read.State is not ChatChunk chunk) return null;
        // A chunk left with nothing once its text is out is not written at all.
        return read.Deltas.Count > 0 ? chunk.WithoutContent() : chunk.Root.DeepClone().AsObject();
    }

    /// <inheritdoc/>
    public void WriteCut(IBufferWriter<byte> output, StreamCut cut)
    {
        var indices = cut.Channels.Select(c => c.Choice).Distinct().Order().ToList();
        if (indices.Count == 0) indices.Add(cut.Offending?.Choice ?? 0);
        // A refusal is a message of its own: the new line that separates it from shown content would only be noise there.
        var message = _blockField == "content" ? cut.Message : cut.Message.TrimStart();
        var choices = indices.Select(i => (i, i == cut.Offending?.Choice ? message : null, (string?)"content_filter"));
        var extra = new JsonObject { ["guardrail"] = cut.Verdict };
        // Clients that asked for usage still get it, although the held usage chunk itself is dropped.
        var usage = cut.Held.Select(r => r.State as ChatChunk).LastOrDefault(c => c?.Root["usage"] is JsonObject)?.Root["usage"];
        if (usage is JsonObject u) extra["usage"] = u.DeepClone();
        SseWriter.WriteJson(output, _template.Build(choices, extra, _blockField));
        SseWriter.WriteDone(output);
    }
}
