using System.Buffers;
using System.Text.Json.Nodes;
using Guardrail.Protocol.Sse;

namespace Guardrail.Protocol.Generic;

public sealed partial class GenericStreamCodec
{
    /// <inheritdoc/>
    public void WriteEnd(IBufferWriter<byte> output, StreamEnd end)
    {
        var written = false;
        foreach (var read in end.Held)
        {
            if (read.Kind == StreamEventKind.End && read.State is JsonObject data)
            {
                // The StreamEnd event carries the verdict, as a client reading it last expects; its text left before it.
                var last = (JsonObject)data.DeepClone();
                if (read.Deltas.Count > 0) EmptyTexts(last);
                last["guardrail"] = end.Verdict.DeepClone();
                Write(output, last, read.Event.EventName);
                written = true;
                continue;
            }
            if (read.Kind == StreamEventKind.End && !written)
            {
                Write(output, Verdict(end.Verdict), null); // before [DONE], which clients stop reading at
                written = true;
            }
            output.Write(read.Event.Raw.Span);
        }
        if (!written) Write(output, Verdict(end.Verdict), null);
    }

    /// <inheritdoc/>
    public void WriteCut(IBufferWriter<byte> output, StreamCut cut)
    {
        var slot = (cut.Offending is { } offending ? _slots.GetValueOrDefault(offending.Path) : null) ?? _first ?? NewSlot();
        if (slot is not null) WriteText(output, slot.Channel, cut.Message);
        var last = new JsonObject();
        // An API that flags its last event gets that flag, so its client stops reading here as it would upstream.
        _api.StreamEnd?.TryCreate(last, true);
        last["guardrail"] = cut.Verdict.DeepClone();
        Write(output, last, null);
        if (!_ndjson && _api.StreamEnd is null) SseWriter.WriteDone(output);
    }

    // Nothing was read yet (an unreadable first event): the message goes where the first StreamDelta path says, when it can be built.
    private Slot? NewSlot()
    {
        if (_api.StreamDelta.Count == 0) return null;
        var template = new JsonObject();
        var location = _api.StreamDelta[0];
        if (!location.TryCreate(template, "")) return null;
        var match = location.Select(template)[0];
        var path = GenericAnswer.Prefix + match.Path;
        var slot = new Slot(new StreamChannel(path, 0, TextChannel.Message, _slots.Count), new JsonPath(match.Segments), template, null);
        _slots[path] = slot;
        return slot;
    }

    private static JsonObject Verdict(JsonObject verdict) => new() { ["guardrail"] = verdict.DeepClone() };
}
