using System.Text.Json.Nodes;
using Guardrail.Core.Tests.Streaming;
using Guardrail.Policies;
using Guardrail.Protocol.OpenAIResponses;
using Guardrail.Streaming;

namespace Guardrail.Core.Tests.Protocol.OpenAIResponses;

/// <summary>Builds Responses streams as the API sends them (numbered events, done events repeating the text) and reads what a client would see.</summary>
internal sealed class ResponsesStreams
{
    private readonly JsonArray _output = [];
    private int _sequence;

    public string Event(string type, JsonObject data)
    {
        var evt = new JsonObject { ["type"] = type };
        foreach (var (k, v) in data.ToList())
        {
            data.Remove(k);
            evt[k] = v;
        }
        evt["sequence_number"] = _sequence++;
        return $"event: {type}\ndata: {evt.ToJsonString()}\n\n";
    }

    public string Created() =>
        Event("response.created", new JsonObject { ["response"] = Response("in_progress", []) })
        + Event("response.in_progress", new JsonObject { ["response"] = Response("in_progress", []) });

    public string Completed(string type = "response.completed") =>
        Event(type, new JsonObject { ["response"] = Response(type == "response.completed" ? "completed" : "incomplete", _output.DeepClone().AsArray()) });

    /// <summary>A message item with one output_text part streamed in the pieces.</summary>
    public string Message(int index, params string[] pieces)
    {
        var id = $"msg_{index}";
        var text = string.Concat(pieces);
        var item = new JsonObject { ["id"] = id, ["type"] = "message", ["status"] = "in_progress", ["role"] = "assistant", ["content"] = new JsonArray() };
        var part = new JsonObject { ["type"] = "output_text", ["text"] = "", ["annotations"] = new JsonArray() };
        var s = Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = item.DeepClone() })
            + Event("response.content_part.added", Ids(id, index, 0, new JsonObject { ["part"] = part.DeepClone() }));
        foreach (var p in pieces) s += Event("response.output_text.delta", Ids(id, index, 0, new JsonObject { ["delta"] = p, ["logprobs"] = new JsonArray() }));
        part["text"] = text;
        s += Event("response.output_text.done", Ids(id, index, 0, new JsonObject { ["text"] = text, ["logprobs"] = new JsonArray() }))
            + Event("response.content_part.done", Ids(id, index, 0, new JsonObject { ["part"] = part.DeepClone() }));
        item["status"] = "completed";
        item["content"] = new JsonArray(part);
        return s + ItemDone(index, item);
    }

    /// <summary>A function_call item whose arguments stream in the pieces.</summary>
    public string FunctionCall(int index, params string[] pieces)
    {
        var id = $"fc_{index}";
        var item = new JsonObject { ["id"] = id, ["type"] = "function_call", ["status"] = "in_progress", ["call_id"] = "call_1", ["name"] = "send", ["arguments"] = "" };
        var s = Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = item.DeepClone() });
        foreach (var p in pieces) s += Event("response.function_call_arguments.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["delta"] = p });
        var args = string.Concat(pieces);
        s += Event("response.function_call_arguments.done", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["arguments"] = args });
        item["status"] = "completed";
        item["arguments"] = args;
        return s + ItemDone(index, item);
    }

    /// <summary>A reasoning item with one summary part streamed in the pieces.</summary>
    public string Reasoning(int index, params string[] pieces)
    {
        var id = $"rs_{index}";
        var item = new JsonObject { ["id"] = id, ["type"] = "reasoning", ["summary"] = new JsonArray() };
        JsonObject At(JsonObject more) { more["item_id"] = id; more["output_index"] = index; more["summary_index"] = 0; return more; }
        var text = string.Concat(pieces);
        var s = Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = item.DeepClone() })
            + Event("response.reasoning_summary_part.added", At(new JsonObject { ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = "" } }));
        foreach (var p in pieces) s += Event("response.reasoning_summary_text.delta", At(new JsonObject { ["delta"] = p }));
        s += Event("response.reasoning_summary_text.done", At(new JsonObject { ["text"] = text }))
            + Event("response.reasoning_summary_part.done", At(new JsonObject { ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = text } }));
        item["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = text });
        return s + ItemDone(index, item);
    }

    /// <summary>A whole stream: created, one message in the pieces, completed.</summary>
    public static string Stream(params string[] pieces)
    {
        var b = new ResponsesStreams();
        return b.Created() + b.Message(0, pieces) + b.Completed();
    }

    public static StreamGuard Guard(StreamingMode mode, FakeInspector inspector) => new(mode, inspector, "Withheld.", new ResponsesStreamCodec(), 1);

    public static List<(string Name, JsonObject Data)> Events(string output) =>
        SseStreams.Events(output).Where(e => e.Data.StartsWith('{')).Select(e => (e.EventName ?? "", JsonNode.Parse(e.Data)!.AsObject())).ToList();

    public static List<string> Names(string output) => Events(output).Select(e => e.Name).ToList();

    /// <summary>The deltas of one kind of event as a client accumulates them.</summary>
    public static string Shown(string output, string type = "response.output_text.delta") =>
        string.Concat(Events(output).Where(e => e.Name == type).Select(e => (string)e.Data["delta"]!));

    /// <summary>The last event's response object.</summary>
    public static JsonObject Final(string output) => Events(output)[^1].Data["response"]!.AsObject();

    public static List<int> Sequence(string output) => Events(output).Select(e => (int)e.Data["sequence_number"]!).ToList();

    private string ItemDone(int index, JsonObject item)
    {
        _output.Add(item.DeepClone());
        return Event("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = item });
    }

    private static JsonObject Ids(string id, int index, int content, JsonObject more)
    {
        var o = new JsonObject { ["item_id"] = id, ["output_index"] = index, ["content_index"] = content };
        foreach (var (k, v) in more.ToList())
        {
            more.Remove(k);
            o[k] = v;
        }
        return o;
    }

    private static JsonObject Response(string status, JsonArray output) => new()
    {
        ["id"] = "resp_1", ["object"] = "response", ["created_at"] = 1700000000, ["status"] = status, ["model"] = "gpt-test",
        ["output"] = output, ["usage"] = status == "in_progress" ? null : new JsonObject { ["input_tokens"] = 3, ["output_tokens"] = 9, ["total_tokens"] = 12 },
    };
}
