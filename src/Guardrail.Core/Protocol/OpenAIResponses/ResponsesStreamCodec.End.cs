using System.Buffers;
using System.Text.Json.Nodes;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Protocol.OpenAIResponses;

public sealed partial class ResponsesStreamCodec
{
    /// <inheritdoc/>
    public void WriteEnd(IBufferWriter<byte> output, StreamEnd end)
    {
        var ended = false;
        foreach (var read in end.Held)
        {
            if (read.Kind != StreamEventKind.End || read.State is not JsonObject data || data["response"] is not JsonObject response)
            {
                Forward(output, read);
                continue;
            }
            data.Remove("guardrail");
            Released(response);
            response["guardrail"] = end.Verdict.DeepClone();
            Write(output, data, name: read.Event.EventName);
            ended = true;
        }
        // The upstream broke off before its final event: the client learns it, and the verdict, from an error event,
        // rather than from a final response the upstream never sent.
        if (!ended)
        {
            Write(output, new JsonObject
            {
                ["type"] = "error",
                ["code"] = "stream_incomplete",
                ["message"] = "The upstream stream ended before its final event.",
                ["param"] = null,
                ["guardrail"] = end.Verdict.DeepClone(),
            });
        }
    }

    /// <inheritdoc/>
    public void WriteCut(IBufferWriter<byte> output, StreamCut cut)
    {
        var final = cut.Held.Select(r => (r.State as JsonObject)?["response"] as JsonObject).LastOrDefault(r => r is not null) ?? _response;
        if (!_createdSent) Write(output, new JsonObject { ["type"] = "response.created", ["response"] = Snapshot(_response, "in_progress", []) });
        // What the client was told is open is closed with what it was released, as the API ends a stopped answer.
        foreach (var (index, sent) in _items.Where(i => !i.Value.Done).ToList())
        {
            foreach (var channel in _channels.Values.Where(c => c.Output == index && !c.Done).OrderBy(c => c.Channel.Path, StringComparer.Ordinal))
            {
                var done = Ids(channel, ".done");
                done[channel.Family.DoneField] = channel.Released.ToString();
                Write(output, done);
                channel.Done = true;
            }
            foreach (var part in _openParts.Where(p => p.Output == index).ToList()) ClosePart(output, part);
            var item = (JsonObject)sent.Item.DeepClone();
            ReleasedItem(item, index);
            item["status"] = "incomplete";
            WriteItem(output, "done", index, item);
        }
        WriteRefusal(output, _items.Count == 0 ? 0 : _items.Keys.Max() + 1, cut.Message.TrimStart('\n'));
        var items = _items.Values.Select(i => i.Item.DeepClone()).ToArray();
        var response = Snapshot(final, "incomplete", items);
        response["incomplete_details"] = ResponsesAnswer.ContentFilter();
        response["guardrail"] = cut.Verdict.DeepClone();
        Write(output, new JsonObject { ["type"] = "response.incomplete", ["response"] = response });
    }

    private void ClosePart(IBufferWriter<byte> output, OpenPart part)
    {
        var closed = (JsonObject)part.Part.DeepClone();
        ReleasedPart(closed, part.Path);
        Write(output, new JsonObject
        {
            ["type"] = part.EventPrefix + ".done",
            ["item_id"] = part.ItemId,
            ["output_index"] = part.Output,
            [part.IndexField] = part.Index,
            ["part"] = closed,
        });
        _openParts.Remove(part);
    }

    // The policy's message as a refusal in an assistant message of its own, event by event as the API streams one.
    private void WriteRefusal(IBufferWriter<byte> output, int index, string message)
    {
        var item = ResponsesAnswer.RefusalItem(null, message);
        var open = (JsonObject)item.DeepClone();
        open["status"] = "in_progress";
        open["content"] = new JsonArray();
        WriteItem(output, "added", index, open);
        JsonObject On(string type, string field, JsonNode value) => new()
        {
            ["type"] = type, ["item_id"] = item["id"]!.DeepClone(), ["output_index"] = index, ["content_index"] = 0, [field] = value,
        };
        Write(output, On("response.content_part.added", "part", new JsonObject { ["type"] = "refusal", ["refusal"] = "" }));
        Write(output, On("response.refusal.delta", "delta", message));
        Write(output, On("response.refusal.done", "refusal", message));
        Write(output, On("response.content_part.done", "part", new JsonObject { ["type"] = "refusal", ["refusal"] = message }));
        WriteItem(output, "done", index, item);
    }

    private void WriteItem(IBufferWriter<byte> output, string suffix, int index, JsonObject item)
    {
        Write(output, new JsonObject { ["type"] = "response.output_item." + suffix, ["output_index"] = index, ["item"] = item });
        _items[index] = new SentItem(item, Done: suffix == "done");
    }

    // The upstream's response object (or a minimal one when it sent none) with the given status and output.
    private static JsonObject Snapshot(JsonObject? response, string status, JsonNode?[] output)
    {
        var snapshot = response?.DeepClone() as JsonObject ?? new JsonObject
        {
            ["id"] = "resp_guardrail",
            ["object"] = "response",
            ["created_at"] = 0,
            ["model"] = "",
            ["parallel_tool_calls"] = false,
            ["tool_choice"] = "auto",
            ["tools"] = new JsonArray(),
        };
        snapshot.Remove("guardrail");
        snapshot["status"] = status;
        snapshot["output"] = new JsonArray(output);
        return snapshot;
    }
}
