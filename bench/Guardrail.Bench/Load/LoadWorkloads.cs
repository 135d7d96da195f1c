using System.Text.Json.Nodes;

namespace Guardrail.Bench.Load;

/// <summary>One request shape the load harness sends: its path, body, and whether the answer streams.</summary>
/// <param name="Name">Row label.</param>
/// <param name="Path">Request path.</param>
/// <param name="Body">Request body (JSON).</param>
/// <param name="Stream">Whether the request asks for a stream.</param>
public sealed record LoadWorkload(string Name, string Path, string Body, bool Stream)
{
    /// <summary>The model name that makes the bench upstream answer the 20 KB answer.</summary>
    public const string LongAnswerModel = "bench-20k";

    /// <summary>Content events of a streamed answer (the 64 deltas).</summary>
    public const int StreamDeltas = 64;

    /// <summary>The five 1 KB sources of the grounding workload: the bench answer's sentences, three per source.</summary>
    public static IReadOnlyList<string> Sources { get; } = BuildSources();

    /// <summary>About 20 KB of answer citing the five sources, each sentence one a source states.</summary>
    public static string LongAnswer { get; } = BuildLongAnswer();

    /// <summary>Every workload, in table order.</summary>
    public static IReadOnlyList<LoadWorkload> All { get; } =
    [
        new("chat 1.5 KB", "/v1/chat/completions", Chat(stream: false), false),
        new("chat streamed, 64 deltas", "/v1/chat/completions", Chat(stream: true), true),
        new("chat 20 KB + 5 sources", "/v1/chat/completions", ChatWithSources(), false),
        new("anthropic messages", "/v1/messages", Anthropic(), false),
        new("openai responses", "/v1/responses", Responses(), false),
    ];

    private static string Chat(bool stream) => new JsonObject
    {
        ["model"] = "bench",
        ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = BenchTexts.ShortPrompt }),
    }.ToJsonString();

    private static string ChatWithSources() => new JsonObject
    {
        ["model"] = LongAnswerModel,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Summarise the sources, citing them." }),
        ["guardrail"] = new JsonObject
        {
            ["sources"] = new JsonArray([.. Sources.Select((text, i) => (JsonNode)new JsonObject { ["id"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ["text"] = text })]),
        },
    }.ToJsonString();

    private static string Anthropic() => new JsonObject
    {
        ["model"] = "bench",
        ["max_tokens"] = 1024,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = BenchTexts.ShortPrompt }),
    }.ToJsonString();

    private static string Responses() => new JsonObject
    {
        ["model"] = "bench",
        ["input"] = BenchTexts.ShortPrompt,
    }.ToJsonString();

    private static string[] Sentences() =>
        BenchTexts.Answer.Split(". ", StringSplitOptions.RemoveEmptyEntries).Select(s => s.TrimEnd('.') + ".").ToArray();

    private static List<string> BuildSources()
    {
        var sentences = Sentences();
        var sources = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            // Three sentences each, padded with a neutral line to about 1 KB, as a retrieved passage is.
            var text = string.Join(" ", sentences.Skip(i * 3).Take(3));
            while (text.Length < 1000) text += " Home bakers describe this step in many different ways, and the details vary from kitchen to kitchen.";
            sources.Add(text);
        }
        return sources;
    }

    private static string BuildLongAnswer()
    {
        var sentences = Sentences();
        var parts = new List<string>();
        var length = 0;
        for (var k = 0; length < 20_000; k++)
        {
            var i = k % sentences.Length;
            var sentence = sentences[i].TrimEnd('.') + $" [{i / 3 + 1}].";
            parts.Add(sentence);
            length += sentence.Length + 1;
        }
        return string.Join(" ", parts);
    }
}
