using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Protocol;
using Guardrail.Protocol.Generic;
using Guardrail.Verdicts;
using static Guardrail.Core.Tests.Protocol.Generic.GenericApis;

namespace Guardrail.Core.Tests.Protocol.Generic;

public class GenericRequestReaderTests
{
    private static readonly GenericJsonAdapter Adapter = new(Ollama);

    private static AdapterRequest Read(string json)
    {
        Assert.True(Adapter.TryReadRequest(Json(json), out var request, out var error), error);
        return request;
    }

    [Fact]
    public void TryReadRequest_StringsAtPromptPaths_TargetsWithPathsAndRoles()
    {
        var request = Read("""{"model":"llama3","prompt":"Hi there","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}],"stream":true}""");

        Assert.Equal(
            [("request.prompt", "user", TextChannel.Prompt), ("request.messages[0].content", "system", TextChannel.System), ("request.messages[1].content", "user", TextChannel.Message)],
            request.Targets.Select(t => (t.Path, t.Role!, t.Channel)));
        Assert.All(request.Targets, t => Assert.Equal(Direction.Request, t.Direction));
        Assert.True(request.Stream);
        Assert.Empty(request.Unreadable);
    }

    [Fact]
    public void TryReadRequest_PathMatchesNothing_NoTextNoError()
    {
        var request = Read("""{"model":"llama3","system":null}""");

        Assert.Empty(request.Targets);
        Assert.Empty(request.Unreadable);
        Assert.False(request.Stream);
    }

    [Fact]
    public void TryReadRequest_NonStringInTextPosition_Unreadable()
    {
        var request = Read("""{"prompt":{"parts":["x"]},"messages":[{"role":"user","content":42}],"system":"ok"}""");

        Assert.Equal(["request.system"], request.Targets.Select(t => t.Path));
        Assert.Equal(["request.prompt is an object, not text", "request.messages[0].content is a number, not text"], request.Unreadable);
    }

    [Fact]
    public void ApplyRedactions_RedactFinding_WrittenBackIntoTheString()
    {
        var request = Read("""{"prompt":"Mail me at a@example.com","keep":1}""");

        var changed = request.ApplyRedactions([Finding("request.prompt", Decision.Redact, new TextSpan(11, 24), "[EMAIL]")]);

        Assert.True(changed);
        Assert.Equal("""{"prompt":"Mail me at [EMAIL]","keep":1}""", request.Root.ToJsonString());
    }

    [Fact]
    public void ExtractSources_SourcesPaths_NumberedSourcesAlsoCheckedAsDocuments()
    {
        var request = Read("""{"prompt":"Summarise [1].","context_docs":["The bridge opened in 1932.","Second doc."]}""");

        var sources = request.ExtractSources(SourceOptions.Default);

        Assert.NotNull(sources);
        Assert.Equal(["The bridge opened in 1932.", "Second doc."], sources.Sources.Select(s => s.Text));
        Assert.Equal(TextChannel.Document, request.TargetList.Find("request.context_docs[0]")!.Channel);
    }

    [Fact]
    public void Recognizes_ConfiguredSuffixPostOnly()
    {
        Assert.True(Adapter.Recognizes("POST", RequestPath.Normalize("/ollama/API/generate/")));
        Assert.False(Adapter.Recognizes("GET", "/api/generate"));
        Assert.False(Adapter.Recognizes("POST", "/api/chat"));
        Assert.False(new GenericJsonAdapter(SseApi).Recognizes("POST", "/anything"));
    }

    [Fact]
    public void Refusal_Kind_ErrorTypeAndVerdict()
    {
        var body = Adapter.Refusal(Verdict(Decision.Block), "No.", RefusalKind.Blocked);

        Assert.Equal("No.", (string)body["error"]!["message"]!);
        Assert.Equal("guardrail_blocked", (string)body["error"]!["type"]!);
        Assert.Equal("block", (string)body["guardrail"]!["decision"]!);
        Assert.Equal("request_too_large", (string)Adapter.Refusal(Verdict(Decision.Block), "x", RefusalKind.TooLarge)["error"]!["type"]!);
    }
}
