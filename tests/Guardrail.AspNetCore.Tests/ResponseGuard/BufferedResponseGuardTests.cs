using System.Net;
using System.Text.Json.Nodes;
using Guardrail.Testing;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Tests.ResponseGuard;

public sealed class BufferedResponseGuardTests
{
    [Fact]
    public async Task Inspect_AnswerWithEmail_RedactedAndAnnotated()
    {
        await using var f = await ProxyFixture.StartAsync();
        f.Upstream.Answer = "Write to jane.doe@example.com for a refund.";
        var (response, body) = await f.PostChatJsonAsync(Completions.Request("How do I get a refund?"));

        var choice = body["choices"]![0]!;
        Assert.Equal("Write to [EMAIL] for a refund.", choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        Assert.True(choice["content_filter_results"]!["pii"]!["filtered"]!.GetValue<bool>());
        var verdict = body["guardrail"]!;
        Assert.Equal("redact", verdict["decision"]!.GetValue<string>());
        var finding = verdict["findings"]!.AsArray().Single(x => x!["rule"]!.GetValue<string>() == "pii.email")!;
        Assert.Equal("response.choices[0].message", finding["target"]!.GetValue<string>());
        Assert.Equal(9, finding["span"]!["start"]!.GetValue<int>());
        Assert.Equal(29, finding["span"]!["end"]!.GetValue<int>());
        Assert.Equal("redact", response.Headers.GetValues("x-guardrail-decision").Single());
        Assert.Equal(verdict["id"]!.GetValue<string>(), response.Headers.GetValues("x-guardrail-id").Single());
    }

    [Fact]
    public async Task Inspect_BlockedAnswer_KeepsShapeWithContentFilter()
    {
        await using var f = await ProxyFixture.StartAsync();
        f.Upstream.Answer = $"Here it comes. The {TestRules.ForbiddenWord} is loud.";
        var (response, body) = await f.PostChatJsonAsync(Completions.Request("Tell me a story."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = body["choices"]![0]!;
        Assert.Equal("content_filter", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal("The answer was withheld by policy.", choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Equal("block", body["guardrail"]!["decision"]!.GetValue<string>());
        var finding = body["guardrail"]!["findings"]![0]!;
        Assert.Equal("test.forbidden-word", finding["rule"]!.GetValue<string>());
        Assert.Null(finding["text"]); // the verdict must not carry the text it withholds
    }

    [Fact]
    public async Task Inspect_GzipAnswer_DecodedAndInspected()
    {
        await using var f = await ProxyFixture.StartAsync();
        f.Upstream.Handler = ctx => Completions.WriteAsync(ctx, "Mail bob@example.org now.", gzip: true);
        var (response, body) = await f.PostChatJsonAsync(Completions.Request("hi"));

        Assert.Equal("Mail [EMAIL] now.", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.False(response.Content.Headers.ContentEncoding.Any());
        Assert.Null(f.Upstream.RequestHeaders[0]["Accept-Encoding"].FirstOrDefault());
    }

    [Fact]
    public async Task Inspect_UnexpectedJson_PassedThroughUnchecked()
    {
        await using var f = await ProxyFixture.StartAsync();
        const string odd = """{"result":"not a chat completion","email":"x@example.com"}""";
        f.Upstream.Handler = ctx =>
        {
            ctx.Response.ContentType = "application/json";
            return ctx.Response.WriteAsync(odd);
        };
        var response = await f.PostChatAsync(Completions.Request("hi"));

        Assert.Equal(odd, await response.Content.ReadAsStringAsync());
        Assert.Equal("unchecked", response.Headers.GetValues("x-guardrail-decision").Single());
    }

    [Fact]
    public async Task Inspect_UpstreamError_PassedThroughUnchanged()
    {
        await using var f = await ProxyFixture.StartAsync();
        const string error = """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""";
        f.Upstream.Handler = ctx =>
        {
            ctx.Response.StatusCode = 429;
            ctx.Response.Headers["retry-after"] = "2";
            ctx.Response.ContentType = "application/json";
            return ctx.Response.WriteAsync(error);
        };
        var response = await f.PostChatAsync(Completions.Request("hi"));

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(error, await response.Content.ReadAsStringAsync());
        Assert.Equal("2", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("unchecked", response.Headers.GetValues("x-guardrail-decision").Single());
    }

    [Fact]
    public async Task Inspect_AnswerOverLimit_PassedThroughWholeAndUnchecked()
    {
        await using var f = await ProxyFixture.StartAsync(extraPolicyYaml: "limits: { requestBytes: 4194304, responseBytes: 2048, oversize: unchecked }");
        var answer = new string('x', 10_000) + " jane@example.com";
        f.Upstream.Answer = answer;
        var (response, body) = await f.PostChatJsonAsync(Completions.Request("hi"));

        Assert.Equal(answer, body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("unchecked", response.Headers.GetValues("x-guardrail-decision").Single());
    }

    [Fact]
    public async Task Inspect_CleanAnswer_VerdictAllowWithTimings()
    {
        await using var f = await ProxyFixture.StartAsync();
        var (_, body) = await f.PostChatJsonAsync(Completions.Request("hi"));

        var verdict = body["guardrail"]!.AsObject();
        Assert.Equal("allow", verdict["decision"]!.GetValue<string>());
        Assert.True(verdict["timings"]!["total_ms"]!.GetValue<double>() >= 0);
        Assert.StartsWith("test@", verdict["policy"]!.GetValue<string>());
        Assert.Equal(f.Upstream.Answer, body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.IsType<JsonObject>(body["choices"]![0]!["content_filter_results"]);
    }
}
