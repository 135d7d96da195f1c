using System.Text.Json.Nodes;
using Guardrail.Protocol;
using Guardrail.Protocol.Anthropic;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Protocol.Anthropic;

public class MessagesAnswerTests
{
    private static readonly AnthropicMessagesAdapter Adapter = new();

    private const string Body = """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[
          {"type":"thinking","thinking":"Hmm.","signature":"s"},
          {"type":"text","text":"Mail a@example.com today.","citations":[{"type":"web_search_result_location","url":"https://example.com/a","title":"A","cited_text":"x"}]},
          {"type":"tool_use","id":"tu","name":"send","input":{"to":"a@example.com"}}],
         "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":2}}
        """;

    private static AdapterAnswer Read()
    {
        Assert.True(Adapter.TryReadAnswer(JsonNode.Parse(Body)!.AsObject(), null, out var answer, out var error), error);
        return answer;
    }

    private static Verdict V(Decision decision, params Finding[] findings) => new() { Id = "gr_1", Policy = "p@1", Decision = decision, Findings = findings };

    private static AnswerRewrite Rewrite(Verdict v) => new(v, new Dictionary<string, IReadOnlyDictionary<string, double>>(), "Withheld.", null);

    [Fact]
    public void TryReadAnswer_Blocks_TargetPerChannelWithCitations()
    {
        var answer = Read();

        Assert.Equal(
            [("response.content[0]", TextChannel.Reasoning), ("response.content[1]", TextChannel.Message), ("response.content[2].input", TextChannel.ToolArguments)],
            answer.Targets.Select(t => (t.Path, t.Channel)));
        var citation = Assert.Single(answer.Targets[1].Annotations!);
        Assert.Equal("https://example.com/a", citation.Url);
    }

    [Fact]
    public void TryReadAnswer_ErrorObject_False()
    {
        Assert.False(Adapter.TryReadAnswer(JsonNode.Parse("""{"type":"error","error":{}}""")!.AsObject(), null, out _, out var error));
        Assert.Equal("response is not a message object", error);
    }

    [Fact]
    public void Apply_BlockFinding_WholeMessageWithheldAsRefusal()
    {
        var answer = Read();
        var block = new Finding { Rule = "r", Category = "c", Target = "response.content[2].input", Score = 1, Threshold = 0.5, Action = Decision.Block, Explanation = "x" };

        answer.Apply(Rewrite(V(Decision.Block, block)));

        var content = Assert.Single(answer.Root["content"]!.AsArray());
        Assert.Equal("Withheld.", (string)content!["text"]!);
        Assert.Equal("refusal", (string)answer.Root["stop_reason"]!);
        Assert.Equal("block", (string)answer.Root["guardrail"]!["decision"]!);
        Assert.Equal("msg_1", (string)answer.Root["id"]!);
    }

    [Fact]
    public void Apply_RedactFindings_TextAndToolInputMasked()
    {
        var answer = Read();
        var input = answer.Targets[2].Text;
        var at = input.IndexOf('a');

        answer.Apply(Rewrite(V(Decision.Redact,
            MessagesRequestReaderTests.Redact("response.content[1]", 5, 18),
            MessagesRequestReaderTests.Redact("response.content[2].input", at, at + 13))));

        Assert.Equal("Mail [EMAIL] today.", (string)answer.Root["content"]![1]!["text"]!);
        Assert.Equal("[EMAIL]", (string)answer.Root["content"]![2]!["input"]!["to"]!);
        Assert.Equal("end_turn", (string)answer.Root["stop_reason"]!);
        Assert.Equal("redact", (string)answer.Root["guardrail"]!["decision"]!);
    }

    [Fact]
    public void Refusal_Blocked_AnthropicErrorEnvelopeWithVerdict()
    {
        var body = Adapter.Refusal(V(Decision.Block), "Refused.", RefusalKind.Blocked);

        Assert.Equal("error", (string)body["type"]!);
        Assert.Equal("invalid_request_error", (string)body["error"]!["type"]!);
        Assert.Equal("Refused.", (string)body["error"]!["message"]!);
        Assert.Equal("block", (string)body["error"]!["guardrail"]!["decision"]!);
    }
}
