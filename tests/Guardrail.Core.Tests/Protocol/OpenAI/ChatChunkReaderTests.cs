using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Protocol.OpenAI;
using Guardrail.Protocol.Sse;

namespace Guardrail.Core.Tests.Protocol.OpenAI;

/// <summary>The fast chunk reader must agree with the JSON-tree parse on every chunk it accepts.</summary>
public class ChatChunkReaderTests
{
    private const string Head = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-test","system_fingerprint":"fp_1",""";

    // Shapes real upstreams send: the fast path must take them, or the stream guard pays for a tree again.
    private static readonly string[] CommonChunks =
    [
        $$$"""{{{Head}}}"choices":[{"index":0,"delta":{"content":"Hello there."},"logprobs":null,"finish_reason":null}]}""",
        $$$"""{{{Head}}}"choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}""",
        $$$"""{{{Head}}}"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""",
        $$$"""{{{Head}}}"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}""",
        """{"id":"","object":"","created":0,"model":"","choices":[],"prompt_filter_results":[{"prompt_index":0}]}""",
        """{"choices":[{"delta":{"content":"é \"q\" \u00e9 \ud83d\ude00 </b>"},"index":1,"obfuscation":"x1"}],"service_tier":"default"}""",
        """{"choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"tool_calls":[{"index":0}]}}]}""",
        """ {"model":"m\u00e9","created":1.5,"system_fingerprint":null,"choices":[{"index":2,"delta":{"content":"x"},"finish_reason":"length"}],"usage":null} """,
    ];

    private static readonly string[] TrickyChunks =
    [
        """{"choices":[],"choices":[]}""", """{"id":"a","id":"b","choices":[]}""", """{"choices":[{"index":0,"index":1}]}""",
        """{"choices":[{"delta":{"content":"a","content":"b"}}]}""", """{"choices":[],"usage":{"a":1,"a":2}}""",
        """{"cho\u0069ces":[{"delta":{"cont\u0065nt":"x"}}]}""", """{"choices":[{"d\u0065lta":{"content":"x"}}]}""",
        """{"choices":[{"index":1.0}]}""", """{"choices":[{"index":"1"}]}""", """{"choices":[{"index":-1}]}""",
        """{"choices":[{"index":2147483648}]}""", """{"choices":[{"index":1e0}]}""", """{"choices":[{"index":null}]}""",
        """{"choices":[{"delta":{"content":null}}]}""", """{"choices":[{"delta":{"content":5}}]}""",
        """{"choices":[{"delta":{"content":[{"type":"text","text":"x"}]}}]}""", """{"choices":[{"delta":{"content":""}}]}""",
        """{"choices":[{"delta":null}]}""", """{"choices":[{"delta":[]}]}""", """{"choices":[{"delta":"x"}]}""",
        """{"choices":[{"delta":{"refusal":null,"content":"x"}}]}""", """{"choices":[{"delta":{"refusal":"no","content":"x"}}]}""",
        """{"choices":[{"delta":{"content":"x"},"finish_reason":5}]}""", """{"choices":[{"delta":{"content":"x"},"finish_reason":{}}]}""",
        """{"choices":[{"delta":{"content":"x"}}],"usage":{}}""", """{"choices":[{"delta":{"content":"x"}},{"delta":{}}]}""",
        """{"object":null,"choices":[]}""", """{"object":5,"choices":[]}""", """{"object":"chat.completion","choices":[]}""",
        """{"object":"chat.completion.chun\u006b","choices":[]}""", """{"id":{"a":1},"choices":[]}""", """{"model":[1],"choices":[]}""",
        """{"id":"x"}""", """{"choices":{}}""", """{"choices":[1]}""", """{"choices":[null]}""", """[{"choices":[]}]""",
        """{"choices":[{"delta":{"content":"\ud800"}}]}""", """{"choices":[{"delta":{"content":"x"},"finish_reason":"\udc00"}]}""",
        """{"choices":[]} x""", "{\"choices\":[]}  \n", "{", "", "[DONE]", """{"choices":[],}""", """{"choices":[]}{}""",
"""{"error":{"message":"overloaded"}}""",
        "{\"choices\":[]," + string.Concat(Enumerable.Range(0, 40).Select(i => $"\"k{i}\":{i},")) + "\"z\":0}",
        "{\"choices\":[],\"x\":" + new string('[', 70) + new string(']', 70) + "}",
        "{\"choices\":[],\"x\":" + new string('[', 62) + new string(']', 62) + "}",
    ];

    public static TheoryData<string> Common => [.. CommonChunks];

    public static TheoryData<string> Tricky => [.. TrickyChunks];

    [Theory]
    [MemberData(nameof(Common))]
    public void TryRead_CommonShapes_TakenByFastPathAndSameAsTree(string data)
    {
        Assert.True(ChatChunk.TryRead(data, null, out _));
        AssertSameAsTree(data);
    }

    [Theory]
    [MemberData(nameof(Tricky))]
    public void TryParse_TrickyChunks_SameAsTree(string data) => AssertSameAsTree(data);

    [Fact]
    public void TryParse_LoneSurrogate_SameAsTree() => AssertSameAsTree("{\"choices\":[{\"delta\":{\"content\":\"\ud800\"}}]}");

    [Fact]
    public void WriteText_AfterObservingChunks_SameBytesAsBuildThenWriteJson()
    {
        var template = new ChatChunkTemplate();
        AssertWriteTextMatchesBuild(template); // the defaults, before any chunk
        foreach (var data in CommonChunks) ChatChunk.TryParse(data, template, out _);
        AssertWriteTextMatchesBuild(template);
        ChatChunk.TryParseTree("""{"id":"t\u00e9","model":null,"choices":[]}""", template, out _);
        AssertWriteTextMatchesBuild(template);
        ChatChunk.TryParse("""{"id":"back","choices":[]}""", template, out _);
        AssertWriteTextMatchesBuild(template);
    }

    private static void AssertWriteTextMatchesBuild(ChatChunkTemplate template)
    {
        foreach (var content in new[] { "Hello. ", "", "</script> \"q\" é 😀\n\t\\ \u2028" })
        {
            var expected = new ArrayBufferWriter<byte>();
            SseWriter.WriteJson(expected, template.Build(3, content, null));
            var actual = new ArrayBufferWriter<byte>();
            template.WriteText(actual, 3, content);
            Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(actual.WrittenSpan));
        }
    }

    private static void AssertSameAsTree(string data)
    {
        var fastTemplate = new ChatChunkTemplate();
        var treeTemplate = new ChatChunkTemplate();
        var fast = ChatChunk.TryParse(data, fastTemplate, out var a);
        var tree = ChatChunk.TryParseTree(data, treeTemplate, out var b);
        Assert.Equal(tree, fast);
        Assert.Equal(Describe(b), Describe(a));
        Assert.Equal(Try(() => treeTemplate.Build(0, "x", null).ToJsonString()), Try(() => fastTemplate.Build(0, "x", null).ToJsonString()));
    }

    private static string Describe(ChatChunk? c) => c is null ? "none" : string.Join(" | ",
        string.Join(";", c.Choices), c.HasContent, c.HasFinish, Try(() => c.WithoutContent()?.ToJsonString() ?? "null"),
        Try(() => c.Root.ToJsonString()));

    private static string Try(Func<string> f)
    {
        try
        {
            return f();
        }
        catch (Exception e)
        {
            return "throws " + e.GetType().Name;
        }
    }
}
