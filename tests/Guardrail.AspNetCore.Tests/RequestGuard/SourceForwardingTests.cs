using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.AspNetCore.Tests.Grounding;
using Guardrail.Testing;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Tests.RequestGuard;

/// <summary>The <c>guardrail</c> extension field feeds the answer checks and never reaches the upstream.</summary>
public sealed class SourceForwardingTests
{
    private static readonly Dictionary<string, string> PromptEmailRedaction = new()
    {
        ["test/prompt-email.yaml"] = """
            id: test.prompt-email
            description: Masks e-mail addresses in prompts before they leave.
            direction: request
            when: { pii: email }
            action: redact
            mask: "[EMAIL]"
            tests:
              - { text: "mail a@example.com", expect: match }
              - { text: "no address", expect: no-match }
            """,
    };

    [Fact]
    public async Task Invoke_RequestWithExtensionField_UpstreamSeesEveryOtherFieldUnchanged()
    {
        await using var f = await GroundingSetup.StartAsync();
        var request = GroundingSetup.Request("Where is the Eiffel Tower?", GroundingSetup.Extension(GroundingSetup.Source));
        var response = await f.PostChatAsync(request.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(f.Upstream.RequestBodies);
        var expected = request.DeepClone().AsObject();
        expected.Remove("guardrail");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(forwarded)), forwarded);
        Assert.DoesNotContain(GroundingSetup.Source, forwarded);
        AssertContentLengthMatches(f, forwarded);
    }

    [Fact]
    public async Task Invoke_ExtensionFieldAndRedaction_StrippedAndMaskedInOneBody()
    {
        await using var f = await GroundingSetup.StartAsync(extraRules: PromptEmailRedaction);
        var request = GroundingSetup.Request("Mail jane@example.com about the tower.", GroundingSetup.Extension(GroundingSetup.Source));
        var response = await f.PostChatAsync(request.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(f.Upstream.RequestBodies);
        var expected = request.DeepClone().AsObject();
        expected.Remove("guardrail");
        expected["messages"]![0]!["content"] = "Mail [EMAIL] about the tower.";
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(forwarded)), forwarded);
        AssertContentLengthMatches(f, forwarded);
    }

    [Fact]
    public async Task Invoke_RequestWithoutExtensionField_ForwardedByteForByte()
    {
        await using var f = await GroundingSetup.StartAsync();
        // Odd spacing survives only if the body is not re-serialised.
        var request = GroundingSetup.Request("Where is the Eiffel Tower?", extension: null).ToJsonString().Replace(",", " ,");
        await f.PostChatAsync(request);

        Assert.Equal(request, Assert.Single(f.Upstream.RequestBodies));
    }

    [Fact]
    public async Task Invoke_OversizeRequestWithSources_ForwardedUnchangedAndAnswerHasNoSources()
    {
        await using var f = await GroundingSetup.StartAsync(extraPolicyYaml: "limits: { requestBytes: 1024, responseBytes: 8388608, oversize: unchecked }");
        f.Upstream.Answer = GroundingSetup.MixedAnswer;
        var request = GroundingSetup.Request(new string('a', 2000), GroundingSetup.Extension(GroundingSetup.Source)).ToJsonString();
        var (response, body) = await f.PostChatJsonAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Past the limit the body is streamed through unread, so nothing can be extracted or stripped from it.
        Assert.Equal(request, Assert.Single(f.Upstream.RequestBodies));
        Assert.Equal("unchecked", body["guardrail"]!["decision"]!.GetValue<string>());
        Assert.DoesNotContain(body["guardrail"]!["findings"]!.AsArray(), x => x!["rule"]!.GetValue<string>() == GroundingSetup.RuleId);
    }

    [Fact]
    public async Task Invoke_MalformedBodyWithExtensionField_ForwardedUnchanged()
    {
        await using var f = await GroundingSetup.StartAsync();
        f.Upstream.Handler = async ctx =>
        {
            ctx.Response.StatusCode = 400;
            await ctx.Response.WriteAsync("""{"error":{"message":"bad json","type":"invalid_request_error"}}""");
        };
        var broken = GroundingSetup.Request("hi", GroundingSetup.Extension(GroundingSetup.Source)).ToJsonString()[..^1];
        await f.PostChatAsync(broken);

        Assert.Equal(broken, Assert.Single(f.Upstream.RequestBodies));
    }

    private static void AssertContentLengthMatches(ProxyFixture f, string forwarded)
    {
        var headers = Assert.Single(f.Upstream.RequestHeaders);
        Assert.Equal(Encoding.UTF8.GetByteCount(forwarded), headers.ContentLength);
    }
}
