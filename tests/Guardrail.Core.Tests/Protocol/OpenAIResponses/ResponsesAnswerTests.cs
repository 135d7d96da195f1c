using System.Text.Json.Nodes;
using Guardrail.Protocol;
using Guardrail.Core.Tests.Protocol.Anthropic;
using Guardrail.Protocol.OpenAIResponses;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Protocol.OpenAIResponses;

public class ResponsesAnswerTests
{
    private static readonly ResponsesAdapter Adapter = new();

    private const string Body = """
        {"id":"resp_1","object":"response","created_at":1700000000,"status":"completed","model":"gpt-test","error":null,"incomplete_details":null,
         "output":[
          {"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Thinking about mail."}]},
          {"id":"ws_1","type":"web_search_call","status":"completed","action":{"type":"search","query":"mail"}},
          {"id":"msg_1","type":"message","status":"completed","role":"assistant","content":[
            {"type":"output_text","text":"Mail a@example.com today.","annotations":[
              {"type":"url_citation","url":"https://example.com/a","title":"A","start_index":0,"end_index":4},
              {"type":"file_citation","file_id":"file-1","filename":"guide.pdf","index":25}]},
            {"type":"refusal","refusal":"Not that part."}]},
          {"id":"fc_1","type":"function_call","status":"completed","call_id":"call_1","name":"send","arguments":"{\"to\":\"a@example.com\"}"}],
         "usage":{"input_tokens":1,"output_tokens":2,"total_tokens":3}}
        """;

    private static AdapterAnswer Read()
    {
        Assert.True(Adapter.TryReadAnswer(JsonNode.Parse(Body)!.AsObject(), null, out var answer, out var error), error);
        return answer;
    }

    private static Verdict V(Decision decision, params Finding[] findings) => new() { Id = "gr_1", Policy = "p@1", Decision = decision, Findings = findings };

    private static AnswerRewrite Rewrite(Verdict v) => new(v, new Dictionary<string, IReadOnlyDictionary<string, double>>(), "Withheld.", null);

    [Fact]
    public void TryReadAnswer_Items_TargetPerChannelWithCitations()
    {
        var answer = Read();

        Assert.Equal(
            [("response.output[0].summary[0]", TextChannel.Reasoning), ("response.output[2].content[0]", TextChannel.Message),
             ("response.output[2].content[1]", TextChannel.Refusal), ("response.output[3].arguments", TextChannel.ToolArguments)],
            answer.Targets.Select(t => (t.Path, t.Channel)));
        var citations = answer.Targets[1].Annotations!;
        Assert.Equal([("https://example.com/a", "A", 0, 4), ("file-1", "guide.pdf", 25, 25)], citations.Select(c => (c.Url, c.Title, c.Start, c.End)));
    }

    [Theory]
    [InlineData("""{"error":{"message":"no"}}""", "response has no output array")]
    [InlineData("""{"object":"chat.completion","output":[]}""", "response is not a response object")]
    public void TryReadAnswer_NotAResponse_False(string body, string expected)
    {
        Assert.False(Adapter.TryReadAnswer(JsonNode.Parse(body)!.AsObject(), null, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Apply_BlockFinding_OutputReplacedByRefusalAndIncomplete()
    {
        var answer = Read();
        var block = new Finding { Rule = "r", Category = "c", Target = "response.output[3].arguments", Score = 1, Threshold = 0.5, Action = Decision.Block, Explanation = "x" };

        answer.Apply(Rewrite(V(Decision.Block, block)));

        var item = Assert.Single(answer.Root["output"]!.AsArray())!;
        Assert.Equal(("message", "assistant", "msg_1"), ((string)item["type"]!, (string)item["role"]!, (string)item["id"]!));
        var part = Assert.Single(item["content"]!.AsArray())!;
        Assert.Equal(("refusal", "Withheld."), ((string)part["type"]!, (string)part["refusal"]!));
        Assert.Equal("incomplete", (string)answer.Root["status"]!);
        Assert.Equal("content_filter", (string)answer.Root["incomplete_details"]!["reason"]!);
        Assert.Equal("block", (string)answer.Root["guardrail"]!["decision"]!);
        Assert.Equal(2, (int)answer.Root["usage"]!["output_tokens"]!);
    }

    [Fact]
    public void Apply_RedactFindings_TextArgumentsAndSummaryMasked()
    {
        var answer = Read();
        var args = answer.Targets[3].Text;
        var at = args.IndexOf('a');

        answer.Apply(Rewrite(V(Decision.Redact,
            MessagesRequestReaderTests.Redact("response.output[2].content[0]", 5, 18),
            MessagesRequestReaderTests.Redact("response.output[3].arguments", at, at + 13),
            MessagesRequestReaderTests.Redact("response.output[0].summary[0]", 9, 14))));

        var body = JsonNode.Parse(answer.Serialize().Span)!;
        Assert.Equal("Mail [EMAIL] today.", (string)body["output"]![2]!["content"]![0]!["text"]!);
        Assert.Equal("[EMAIL]", (string)JsonNode.Parse((string)body["output"]![3]!["arguments"]!)!["to"]!);
        Assert.Equal("Thinking [EMAIL] mail.", (string)body["output"]![0]!["summary"]![0]!["text"]!);
        Assert.Equal("completed", (string)body["status"]!);
        Assert.Equal("redact", (string)body["guardrail"]!["decision"]!);
    }
}
