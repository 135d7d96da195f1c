using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Protocol.OpenAI;
using Guardrail.Protocol.Sse;
using Guardrail.Streaming;

namespace Guardrail.Core.Tests.Streaming;

/// <summary>Builds OpenAI-style upstream streams and reads what a guard released.</summary>
internal static class SseStreams
{
    public const string Head = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-test","system_fingerprint":"fp_1",""";

    public static string Role(int index = 0) => Event($$$"""{{{Head}}}"choices":[{"index":{{{index}}},"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""");

    public static string Content(string text, int index = 0) =>
        Event($$$"""{{{Head}}}"choices":[{"index":{{{index}}},"delta":{"content":{{{JsonValue.Create(text).ToJsonString()}}}},"logprobs":null,"finish_reason":null}]}""");

    public static string Finish(int index = 0) => Event($$$"""{{{Head}}}"choices":[{"index":{{{index}}},"delta":{},"logprobs":null,"finish_reason":"stop"}]}""");

    public static string Usage() => Event($$$"""{{{Head}}}"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}""");

    public const string Done = "data: [DONE]\n\n";

    public static string Event(string json) => $"data: {json}\n\n";

    /// <summary>A complete single-choice stream: role, one event per piece, finish, usage, [DONE].</summary>
    public static string Stream(params string[] pieces) =>
        Role() + string.Concat(pieces.Select(p => Content(p))) + Finish() + Usage() + Done;

    /// <summary>Feeds the stream in pieces of <paramref name="size"/> bytes (all at once when 0), then completes it.</summary>
    public static string Run(StreamGuard guard, string upstream, int size = 0)
    {
        var bytes = Encoding.UTF8.GetBytes(upstream);
        var output = new ArrayBufferWriter<byte>();
        if (size <= 0) size = Math.Max(1, bytes.Length);
        for (var i = 0; i < bytes.Length && !guard.IsCut; i += size)
        {
            guard.Write(bytes.AsSpan(i, Math.Min(size, bytes.Length - i)), output);
        }
        if (!guard.IsCut) guard.Complete(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static List<SseEvent> Events(string output)
    {
        var parser = new SseParser();
        parser.Feed(Encoding.UTF8.GetBytes(output));
        var events = new List<SseEvent>();
        while (parser.TryFlush(out var e)) events.Add(e);
        return events;
    }

    /// <summary>The chat chunks of the output, in order.</summary>
    public static List<ChatChunk> Chunks(string output) =>
        Events(output).Select(e => ChatChunk.TryParse(e.Data, out var c) ? c : null).OfType<ChatChunk>().ToList();

    /// <summary>All text the client would show for a choice.</summary>
    public static string ShownText(string output, int index = 0) =>
        string.Concat(Chunks(output).SelectMany(c => c.Choices).Where(c => c.Index == index).Select(c => c.Content));
}
