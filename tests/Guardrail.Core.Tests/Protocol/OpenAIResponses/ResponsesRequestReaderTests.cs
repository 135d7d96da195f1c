using System.Text.Json.Nodes;
using Guardrail.Grounding;
using Guardrail.Protocol;
using Guardrail.Core.Tests.Protocol.Anthropic;
using Guardrail.Protocol.OpenAIResponses;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Protocol.OpenAIResponses;

public class ResponsesRequestReaderTests
{
    private static readonly ResponsesAdapter Adapter = new();

    private const string Body = """
        {"model":"gpt-test","stream":true,"instructions":"Be brief.",
         "text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object"}}},
         "input":[
          {"role":"developer","content":"Answer from the sources."},
          {"type":"message","role":"user","content":[
            {"type":"input_text","text":"What is in the picture?"},
            {"type":"input_image","image_url":"data:image/png;base64,AAAA"},
            {"type":"input_file","file_id":"file-1"}]},
          {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Look it up."}],"encrypted_content":"xyz"},
          {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Calling a tool.","annotations":[]},{"type":"refusal","refusal":"No."}]},
          {"type":"function_call","call_id":"call_1","name":"lookup","arguments":"{\"to\":\"a@example.com\"}"},
          {"type":"function_call_output","call_id":"call_1","output":"<source id=\"w\">The bridge opened in 1937.</source>"},
          {"type":"item_reference","id":"msg_0"},
          {"type":"web_search_call","id":"ws_1","status":"completed"},
          "not an item"]}
        """;

    private static AdapterRequest Read(string body = Body)
    {
        Assert.True(Adapter.TryReadRequest(JsonNode.Parse(body)!.AsObject(), out var request, out var error), error);
        return request;
    }

    [Fact]
    public void TryReadRequest_EveryItem_TargetPerChannel()
    {
        var request = Read();

        Assert.Equal(
            [("request.instructions", TextChannel.System), ("request.input[0]", TextChannel.System), ("request.input[1].content[0]", TextChannel.Message),
             ("request.input[2].summary[0]", TextChannel.Reasoning), ("request.input[3].content[0]", TextChannel.Message), ("request.input[3].content[1]", TextChannel.Refusal),
             ("request.input[4].arguments", TextChannel.ToolArguments), ("request.input[5].output", TextChannel.ToolResult)],
            request.Targets.Select(t => (t.Path, t.Channel)));
        Assert.Equal(["request.input[1].content[1] is input_image", "request.input[1].content[2] is input_file", "request.input[7] is web_search_call"], request.Unreadable);
        Assert.Equal("tool", request.TargetList.Find("request.input[5].output")!.Role);
        Assert.True(request.Stream);
        Assert.True(request.StructuredOutput);
    }

    [Fact]
    public void TryReadRequest_StringInput_UserMessageTarget()
    {
        var request = Read("""{"model":"m","input":"Hello there.","text":{"format":{"type":"text"}}}""");

        var target = Assert.Single(request.Targets);
        Assert.Equal(("request.input", TextChannel.Message, "user", "Hello there."), (target.Path, target.Channel, target.Role, target.Text));
        Assert.False(request.StructuredOutput);
        Assert.False(request.Stream);
    }

    [Fact]
    public void TryReadRequest_StoredPrompt_VariablesReadTemplateMarked()
    {
        var request = Read("""{"model":"m","prompt":{"id":"pmpt_1","variables":{"city":"Paris","photo":{"type":"input_image","image_url":"x"}}}}""");

        var target = Assert.Single(request.Targets);
        Assert.Equal(("request.prompt.variables.city", "Paris"), (target.Path, target.Text));
        Assert.Equal(["request.prompt is a stored prompt whose text the guard cannot see", "request.prompt.variables.photo is input_image"], request.Unreadable);
    }

    [Fact]
    public void TryReadRequest_InputNeitherStringNorList_False()
    {
        Assert.False(Adapter.TryReadRequest(JsonNode.Parse("""{"input":{"role":"user"}}""")!.AsObject(), out _, out var error));
        Assert.Equal("request input is neither a string nor a list", error);
    }

    [Fact]
    public void ExtractSources_ExtensionToolOutputAndTaggedText_OneSet()
    {
        var root = JsonNode.Parse(Body)!.AsObject();
        root["guardrail"] = JsonNode.Parse("""{"sources":[{"id":"ext","text":"From the caller."}]}""");
        root["input"]!.AsArray()[0]!["content"] = "Sources:\n[1] The first source says so.";
        Assert.True(Adapter.TryReadRequest(root, out var request, out _));

        var sources = request.ExtractSources(SourceOptions.Default)!;

        Assert.Equal(["ext", "1", "call_1"], sources.Sources.Select(s => s.Id));
        Assert.Equal("lookup", sources.Resolve("call_1")!.Title);
        Assert.Equal("request.input[5]", sources.Resolve("call_1")!.Origin);
        Assert.True(request.StripExtension());
        Assert.False(request.Root.ContainsKey("guardrail"));
    }

    [Fact]
    public void ApplyRedactions_MessageAndArguments_MaskedAndStillJson()
    {
        var request = Read();
        var args = request.TargetList.Find("request.input[4].arguments")!.Text;
        var at = args.IndexOf("a@example.com", StringComparison.Ordinal);

        Assert.True(request.ApplyRedactions([
            MessagesRequestReaderTests.Redact("request.input[4].arguments", at, at + 13),
            MessagesRequestReaderTests.Redact("request.input[1].content[0]", 0, 4),
            MessagesRequestReaderTests.Redact("request.input[2].summary[0]", 0, 4)]));

        var input = JsonNode.Parse(request.Serialize().Span)!["input"]!;
        Assert.Equal("{\"to\":\"[EMAIL]\"}", (string)input[4]!["arguments"]!);
        Assert.Equal("[EMAIL] is in the picture?", (string)input[1]!["content"]![0]!["text"]!);
        Assert.Equal("Look it up.", (string)input[2]!["summary"]![0]!["text"]!); // the upstream's own reasoning is not rewritten
    }

    [Fact]
    public void ApplyRedactions_MaskBreaksArgumentsJson_ArgumentsLeftAsTheyWere()
    {
        var request = Read();

        request.ApplyRedactions([MessagesRequestReaderTests.Redact("request.input[4].arguments", 0, 3)]);

        Assert.Equal("{\"to\":\"a@example.com\"}", (string)request.Root["input"]![4]!["arguments"]!);
    }

    [Theory]
    [InlineData("/v1/responses", "openai-responses")]
    [InlineData("/openai/v1/responses", "openai-responses")]
    [InlineData("/openai/responses", "openai-responses")]
    [InlineData("/v1/responses/", "openai-responses")]
    [InlineData("/v1/chat/completions", "openai-chat")]
    [InlineData("/v1/completions", "openai-chat")]
    [InlineData("/v1/messages", "anthropic-messages")]
    [InlineData("/v1/responses/resp_1/cancel", null)]
    [InlineData("/v1/responses/input_tokens", null)]
    public void Find_Path_EachApiToItsAdapter(string path, string? adapter)
    {
        Assert.Equal(adapter, ProtocolAdapters.Default.Find("POST", path)?.Name);
    }

    [Fact]
    public void Refusal_Blocked_OpenAIErrorEnvelopeNamingInput()
    {
        var body = Adapter.Refusal(new Verdict { Id = "gr_1", Policy = "p@1", Decision = Decision.Block }, "Refused.", RefusalKind.Blocked);

        Assert.Equal("content_filter", (string)body["error"]!["code"]!);
        Assert.Equal("input", (string)body["error"]!["param"]!);
        Assert.Equal("Refused.", (string)body["error"]!["message"]!);
        Assert.Equal("block", (string)body["error"]!["guardrail"]!["decision"]!);
    }
}
