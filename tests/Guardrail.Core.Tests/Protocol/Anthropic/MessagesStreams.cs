using System.Text.Json.Nodes;
using Guardrail.Core.Tests.Streaming;
using Guardrail.Policies;
using Guardrail.Protocol.Anthropic;
using Guardrail.Protocol.Sse;
using Guardrail.Streaming;

namespace Guardrail.Core.Tests.Protocol.Anthropic;

/// <summary>Builds Anthropic Messages streams and reads what a client would see of them.</summary>
internal static class MessagesStreams
{
    public static string Event(string name, string json) => $"event: {name}\ndata: {json}\n\n";

    public static string Start() => Event("message_start", """{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}}""");

    public static string BlockStart(int index, string type = "text") => Event("content_block_start", type switch
    {
        "tool_use" => $$$$"""{"type":"content_block_start","index":{{{{index}}}},"content_block":{"type":"tool_use","id":"tu","name":"send","input":{}}}""",
        "thinking" => $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{"type":"thinking","thinking":""}}""",
        _ => $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{"type":"text","text":""}}""",
    });

    public static string TextDelta(int index, string text) =>
        Event("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = text } }.ToJsonString());

    public static string Json(int index, string partial) =>
        Event("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = partial } }.ToJsonString());

    public static string BlockStop(int index) => Event("content_block_stop", $$"""{"type":"content_block_stop","index":{{index}}}""");

    public static string End() =>
        Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}""")
        + Event("message_stop", """{"type":"message_stop"}""");

    public static string Ping() => Event("ping", """{"type":"ping"}""");

    /// <summary>One text block with the pieces, then the end.</summary>
    public static string Stream(params string[] pieces) =>
        Start() + BlockStart(0) + Ping() + string.Concat(pieces.Select(p => TextDelta(0, p))) + BlockStop(0) + End();

    public static StreamGuard Guard(StreamingMode mode, FakeInspector inspector) => new(mode, inspector, "Withheld.", new MessagesStreamCodec(), 1);

    public static List<(string Name, JsonObject Data)> Events(string output) =>
        SseStreams.Events(output).Where(e => e.Data.StartsWith('{')).Select(e => (e.EventName ?? "", JsonNode.Parse(e.Data)!.AsObject())).ToList();

    /// <summary>The text of every text_delta, per block index, as a client accumulates it.</summary>
    public static string ShownText(string output, int index = 0) => string.Concat(Events(output)
        .Where(e => e.Name == "content_block_delta" && (int)e.Data["index"]! == index && (string?)e.Data["delta"]!["type"] == "text_delta")
        .Select(e => (string)e.Data["delta"]!["text"]!));

    public static List<string> Names(string output) => Events(output).Select(e => e.Name).ToList();
}
