using System.Buffers;
using System.Text.Json.Nodes;
using Guardrail.Protocol.OpenAI;
using Guardrail.Protocol.Sse;

namespace Guardrail.Protocol.OpenAIResponses;

public sealed partial class ResponsesStreamCodec
{
    private readonly SortedDictionary<int, SentItem> _items = []; // the output items the client was told of
    private readonly List<OpenPart> _openParts = [];
    private JsonObject? _response; // the latest response snapshot the upstream sent
    private bool _createdSent;
    private int? _sequence; // the next sequence_number; starts where the upstream's did

    /// <inheritdoc/>
    public void Forward(IBufferWriter<byte> output, StreamRead read)
    {
        if (read.State is not JsonObject data)
        {
            output.Write(read.Event.Raw.Span); // a comment, or data that is not JSON: nothing to renumber
            return;
        }
        var changed = Record(data, read);
        Write(output, data, changed ? null : read.Event, read.Event.EventName);
    }

    /// <inheritdoc/>
    public void WriteRest(IBufferWriter<byte> output, StreamRead read)
    {
        // A delta event is nothing but its text; the text leaves through WriteText.
        if (read.Deltas.Count == 0) Forward(output, read);
    }

    /// <inheritdoc/>
    public void WriteText(IBufferWriter<byte> output, StreamChannel channel, string text)
    {
        if (!_channels.TryGetValue(channel.Path, out var state)) return;
        state.Released.Append(text);
        var data = Ids(state, ".delta");
        data["delta"] = text;
        if (state.Family.Kind == TextChannel.Message) data["logprobs"] = new JsonArray();
        Write(output, data);
    }

    // Notes what the client is told and makes every text the event repeats the released one; true when it changed.
    private bool Record(JsonObject data, StreamRead read)
    {
        foreach (var delta in read.Deltas)
        {
            // Observe mode forwards text as it came: that is what was released.
            if (_channels.TryGetValue(delta.Channel.Path, out var c)) c.Released.Append(delta.Text);
        }
        var changed = data.Remove("guardrail"); // only the guard speaks for the guard
        var type = JsonBody.String(data["type"]) ?? read.Event.EventName;
        var output = JsonBody.Int(data["output_index"]) ?? -1;
        switch (type)
        {
            case "response.created" or "response.in_progress" or "response.queued":
                _createdSent = true;
                if (data["response"] is JsonObject response) changed |= response.Remove("guardrail") | Released(response);
                break;
            case "response.output_item.added" or "response.output_item.done" when data["item"] is JsonObject item && output >= 0:
                changed |= ReleasedItem(item, output);
                _items[output] = new SentItem(item, Done: type.EndsWith(".done", StringComparison.Ordinal));
                break;
            case "response.content_part.added" or "response.content_part.done" or "response.reasoning_summary_part.added" or "response.reasoning_summary_part.done":
                changed |= Part(type, data, output);
                break;
            default:
                if (type is not null && TextFamily.Of(type, out var done) is { } family && done && ChannelOf(family, data, create: false) is { } channel)
                {
                    changed |= Set(data, family.DoneField, channel.Released.ToString());
                    channel.Done = true;
                }
                break;
        }
        return changed;
    }

    private bool Part(string type, JsonObject data, int output)
    {
        var summary = type.StartsWith("response.reasoning_summary_part", StringComparison.Ordinal);
        var (prefix, field, indexField) = summary ? ("response.reasoning_summary_part", "summary", "summary_index") : ("response.content_part", "content", "content_index");
        if (output < 0 || JsonBody.Int(data[indexField]) is not { } index || data["part"] is not JsonObject part) return false;
        var path = $"{ResponsesAnswer.ItemPath(output)}.{field}[{index}]";
        var changed = ReleasedPart(part, path);
        // The item as the client knows it holds its parts, so a cut closes it with them.
        if (_items.TryGetValue(output, out var sent)) Place(sent.Item, field, index, part.DeepClone());
        _openParts.RemoveAll(p => p.Path == path);
        if (type.EndsWith(".added", StringComparison.Ordinal)) _openParts.Add(new OpenPart(path, prefix, indexField, JsonBody.String(data["item_id"]), output, index, part));
        return changed;
    }

    private static void Place(JsonObject item, string field, int index, JsonNode part)
    {
        if (item[field] is not JsonArray list) item[field] = list = [];
        if (index < list.Count) list[index] = part;
        else if (index == list.Count) list.Add(part);
    }

    // The snapshot's output items as released.
    private bool Released(JsonObject response)
    {
        if (response["output"] is not JsonArray items) return false;
        var changed = false;
        for (var i = 0; i < items.Count; i++) if (items[i] is JsonObject item) changed |= ReleasedItem(item, i);
        return changed;
    }

    /// <summary>Puts the released text into every text an output item holds (nothing unreleased leaves in a snapshot); true when one changed.</summary>
    private bool ReleasedItem(JsonObject item, int output)
    {
        var path = ResponsesAnswer.ItemPath(output);
        var changed = false;
        switch (JsonBody.String(item["type"]))
        {
            case "message" when item["content"] is JsonArray parts:
                for (var j = 0; j < parts.Count; j++) if (parts[j] is JsonObject part) changed |= ReleasedPart(part, $"{path}.content[{j}]");
                break;
            case "function_call":
                changed |= Set(item, "arguments", ReleasedAt($"{path}.arguments"));
                break;
            case "custom_tool_call":
                changed |= Set(item, "input", ReleasedAt($"{path}.input"));
                break;
            case "reasoning":
                foreach (var (field, _) in ResponseItems.ReasoningParts)
                {
                    if (item[field] is not JsonArray list) continue;
                    for (var k = 0; k < list.Count; k++) if (list[k] is JsonObject part) changed |= ReleasedPart(part, $"{path}.{field}[{k}]");
                }
                break;
        }
        return changed;
    }

    private bool ReleasedPart(JsonObject part, string path) => JsonBody.String(part["type"]) switch
    {
        "output_text" or "summary_text" or "reasoning_text" => Set(part, "text", ReleasedAt(path)),
        "refusal" => Set(part, "refusal", ReleasedAt(path)),
        _ => false,
    };

    private string ReleasedAt(string path) => _channels.TryGetValue(path, out var c) ? c.Released.ToString() : "";

    private static bool Set(JsonObject o, string key, string value)
    {
        if (JsonBody.String(o[key]) == value) return false;
        o[key] = value;
        return true;
    }

    // An event on a channel: its type, item and indexes.
    private static JsonObject Ids(ChannelState state, string suffix)
    {
        var data = new JsonObject { ["type"] = state.Family.Prefix + suffix, ["item_id"] = state.ItemId, ["output_index"] = state.Output };
        if (state.Family.IndexField is { } field) data[field] = state.Index;
        return data;
    }

    // Every event leaves with the next sequence number; one that already has it and is unchanged leaves as it came.
    private void Write(IBufferWriter<byte> output, JsonObject data, SseEvent? asItCame = null, string? name = null)
    {
        var upstream = JsonBody.Int(data["sequence_number"]);
        _sequence ??= upstream ?? 0;
        if (asItCame is not null && upstream == _sequence)
        {
            output.Write(asItCame.Raw.Span);
            _sequence++;
            return;
        }
        data["sequence_number"] = _sequence++;
        SseWriter.WriteEvent(output, name is { Length: > 0 } and not "message" ? name : JsonBody.String(data["type"]) ?? "message", data);
    }

    /// <summary>An output item as the client was last sent it.</summary>
    private sealed record SentItem(JsonObject Item, bool Done);
}
