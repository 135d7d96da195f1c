using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Verdicts;

public sealed class WireJsonTests
{
    private const string Readable = "你好, it's <b>1+1</b> & café";

    [Fact]
    public void Serialize_NonAsciiAndHtmlCharacters_WrittenAsIs()
    {
        var json = WireJson.Serialize(new JsonObject { ["message"] = Readable });

        Assert.Equal("{\"message\":\"" + Readable + "\"}", json);
    }

    [Fact]
    public void Serialize_QuoteBackslashControl_StillEscapedAndRoundTrips()
    {
        var text = "say \"hi\"\\\n\u0001";
        var json = WireJson.Serialize(new JsonObject { ["t"] = text });

        Assert.DoesNotContain('\n', json);
        Assert.Equal(text, JsonNode.Parse(json)!["t"]!.GetValue<string>());
    }

    [Fact]
    public void Writer_Utf8JsonWriter_WritesNonAsciiAsIs()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WireJson.Writer)) writer.WriteStringValue(Readable);

        Assert.Equal("\"" + Readable + "\"", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Serialize_Verdict_ExplanationNotEscaped()
    {
        var verdict = new Verdict
        {
            Id = "gr_1", Decision = Decision.Flag, Policy = "default@x",
            Findings = [new Finding { Rule = "r", Category = "c", Target = "t", Explanation = "命中 'x' <y>", Action = Decision.Flag }],
        };

        Assert.Contains("命中 'x' <y>", VerdictJson.Serialize(verdict));
    }
}
