using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Protocol.Sse;

namespace Guardrail.Core.Tests.Protocol.Sse;

public class SseWriterTests
{
    [Fact]
    public void WriteJson_Object_CompactDataLineWithBlankLine()
    {
        var output = new ArrayBufferWriter<byte>();

        SseWriter.WriteJson(output, new JsonObject { ["content"] = "你好\n\"x\"" });
        SseWriter.WriteDone(output);

        Assert.Equal("data: {\"content\":\"你好\\n\\\"x\\\"\"}\n\ndata: [DONE]\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
