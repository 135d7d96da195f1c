using System.ClientModel;
using System.Text.Json.Nodes;
using Guardrail.AspNetCore.Metrics;
using Guardrail.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;

namespace Guardrail.AspNetCore.Tests.Revising;

/// <summary>
/// <c>action: revise</c> through the proxy with the official OpenAI SDK: a withheld answer goes back to the upstream
/// once with the critique, and the revision is returned only when it passes the same policy.
/// </summary>
public sealed class ReviseProxyTests
{
    private const string Rude = "Grumble grumble, figure it out yourself.";
    private const string Kind = "Happy to help: restart the router, then check the cable.";

    private static readonly Dictionary<string, string> ReviseRule = new()
    {
        ["test/revise-grumble.yaml"] = """
            id: test.revise-grumble
            description: Grumbling answers are sent back for a revision.
            category: insult
            direction: response
            when: { keywords: [grumble] }
            action: revise
            tests:
              - { text: "Grumble, no.", expect: match }
              - { text: "Sure, here you go.", expect: no-match }
            """,
    };

    private static Task<ProxyFixture> StartAsync(string extraPolicyYaml = "", string streaming = "hold-back") => ProxyFixture.StartAsync(streaming, extraPolicyYaml: extraPolicyYaml, extraRules: ReviseRule);

    private static ChatClient Client(ProxyFixture f) =>
        new("fake-model", new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = new Uri(f.Proxy.BaseAddress, "/v1"), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });

    // The first call gets the rude answer; a call that carries the critique gets what the test says.
    private static Func<HttpContext, Task> Upstream(ProxyFixture f, Func<HttpContext, Task> revision) => ctx =>
        JsonNode.Parse(f.Upstream.RequestBodies[^1])!["messages"]!.AsArray().Count > 1 ? revision(ctx) : Completions.WriteAsync(ctx, Rude);

    private static JsonNode Verdict(ClientResult result) =>
        JsonNode.Parse(result.GetRawResponse().Content.ToString())!["guardrail"]!;

    private static GuardrailMetrics Metrics(ProxyFixture f) => f.Proxy.Services.GetRequiredService<GuardrailMetrics>();

    [Fact]
    public async Task CompleteChat_RevisionPasses_SdkReadsTheRevisionAndVerdictRecordsBoth()
    {
        await using var f = await StartAsync();
        f.Upstream.Handler = Upstream(f, ctx => Completions.WriteAsync(ctx, Kind));

        var result = await Client(f).CompleteChatAsync([new UserChatMessage("My internet is down.")]);

        Assert.Equal(Kind, result.Value.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, result.Value.FinishReason);
        var verdict = Verdict(result);
        Assert.Equal("allow", (string?)verdict["decision"]);
        Assert.True((bool)verdict["revision"]!["passed"]!);
        Assert.Equal("block", (string?)verdict["revision"]!["original"]!["decision"]);
        Assert.Equal("test.revise-grumble", (string?)verdict["revision"]!["original"]!["findings"]![0]!["rule"]);
        Assert.Equal("allow", (string?)verdict["revision"]!["revised"]!["decision"]);
        // The second call: the withheld answer as the assistant's turn, the critique as the user's, the client's key.
        Assert.Equal(2, f.Upstream.RequestBodies.Count);
        var messages = JsonNode.Parse(f.Upstream.RequestBodies[1])!["messages"]!.AsArray();
        Assert.Equal(("assistant", Rude), ((string?)messages[1]!["role"], (string?)messages[1]!["content"]));
        Assert.Contains("test.revise-grumble", (string?)messages[2]!["content"]);
        Assert.Equal("Bearer sk-test", f.Upstream.RequestHeaders[1]["Authorization"].ToString());
        Assert.Equal(1, Metrics(f).Revisions.WithLabels("passed").Value);
    }

    [Fact]
    public async Task CompleteChat_RevisionStillRude_OriginalWithheld()
    {
        await using var f = await StartAsync();
        f.Upstream.Handler = ctx => Completions.WriteAsync(ctx, Rude);

        var result = await Client(f).CompleteChatAsync([new UserChatMessage("My internet is down.")]);

        Assert.Equal(ChatFinishReason.ContentFilter, result.Value.FinishReason);
        Assert.DoesNotContain("Grumble", result.Value.Content[0].Text);
        var revision = Verdict(result)["revision"]!;
        Assert.False((bool)revision["passed"]!);
        Assert.Equal("block", (string?)revision["revised"]!["decision"]);
        Assert.Equal(2, f.Upstream.RequestBodies.Count);
        Assert.Equal(1, Metrics(f).Revisions.WithLabels("failed").Value);
    }

    [Fact]
    public async Task CompleteChat_RevisionBlockedByAnotherRule_OriginalWithheld()
    {
        await using var f = await StartAsync();
        f.Upstream.Handler = Upstream(f, ctx => Completions.WriteAsync(ctx, $"Fine, here is the {TestRules.ForbiddenWord}."));

        var result = await Client(f).CompleteChatAsync([new UserChatMessage("My internet is down.")]);

        Assert.Equal(ChatFinishReason.ContentFilter, result.Value.FinishReason);
        Assert.DoesNotContain("Fine, here is", result.GetRawResponse().Content.ToString());
        Assert.Equal("test.forbidden-word", (string?)Verdict(result)["revision"]!["revised"]!["findings"]![0]!["rule"]);
    }

    public static TheoryData<string, string> BadRevisions => new()
    {
        { "error", "HTTP 500" },
        { "other-api", "not an answer of this API" },
        { "empty", "the revision is empty" },
        { "prose", "not an answer of this API" },
    };

    [Theory]
    [MemberData(nameof(BadRevisions))]
    public async Task CompleteChat_RevisionUnusable_OriginalWithheldWithTheReason(string kind, string reason)
    {
        await using var f = await StartAsync();
        f.Upstream.Handler = Upstream(f, async ctx =>
        {
            switch (kind)
            {
                case "error":
                    ctx.Response.StatusCode = 500;
                    break;
                case "other-api":
                    await ctx.Response.WriteAsJsonAsync(new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = Kind }) });
                    break;
                case "empty":
                    await Completions.WriteAsync(ctx, "   ");
                    break;
                default:
                    await ctx.Response.WriteAsync("Sorry, I cannot help with that.");
                    break;
            }
        });

        var result = await Client(f).CompleteChatAsync([new UserChatMessage("My internet is down.")]);

        Assert.Equal(ChatFinishReason.ContentFilter, result.Value.FinishReason);
        var revision = Verdict(result)["revision"]!;
        Assert.False((bool)revision["passed"]!);
        Assert.Contains(reason, (string?)revision["error"]);
        Assert.Equal("block", (string?)Verdict(result)["decision"]);
        Assert.Equal(1, Metrics(f).Revisions.WithLabels("error").Value);
    }

    [Fact]
    public async Task CompleteChat_RevisionSlowerThanTheBudget_OriginalWithheldInTime()
    {
        await using var f = await StartAsync("revise: { budgetMs: 300 }");
        f.Upstream.Handler = Upstream(f, async ctx =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), ctx.RequestAborted);
            await Completions.WriteAsync(ctx, Kind);
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await Client(f).CompleteChatAsync([new UserChatMessage("My internet is down.")]);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(ChatFinishReason.ContentFilter, result.Value.FinishReason);
        Assert.Contains("budget of 300 ms", (string?)Verdict(result)["revision"]!["error"]);
    }

    [Fact]
    public async Task CompleteChatStreaming_BufferModeRevisionPasses_SdkReadsTheRevisedStream()
    {
        await using var f = await StartAsync(streaming: "buffer");
        f.Upstream.Handler = ctx => JsonNode.Parse(f.Upstream.RequestBodies[^1])!["messages"]!.AsArray().Count > 1
            ? Sse.WriteAsync(ctx, Sse.Chunks(Kind))
            : Sse.WriteAsync(ctx, Sse.Chunks(Rude));

        var (text, finish) = await Sdk.ChatStreaming.ReadAsync(Client(f).CompleteChatStreamingAsync([new UserChatMessage("My internet is down.")]));

        Assert.Equal(Kind, text);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(2, f.Upstream.RequestBodies.Count);
        Assert.True((bool)JsonNode.Parse(f.Upstream.RequestBodies[1])!["stream"]!);
        Assert.Equal(1, Metrics(f).Revisions.WithLabels("passed").Value);
    }

    [Fact]
    public async Task CompleteChatStreaming_BufferModeRevisionStillRude_WithheldNothingLeaked()
    {
        await using var f = await StartAsync(streaming: "buffer");
        f.Upstream.Handler = ctx => Sse.WriteAsync(ctx, Sse.Chunks(Rude));

        var response = await f.PostChatAsync(Completions.Request("My internet is down.", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        Assert.DoesNotContain("Grumble", SseReader.Text(events));
        var verdict = JsonNode.Parse(events.Last(e => e.Contains("\"guardrail\"", StringComparison.Ordinal)))!["guardrail"]!;
        Assert.Equal("block", (string?)verdict["decision"]);
        Assert.False((bool)verdict["revision"]!["passed"]!);
        Assert.Equal(1, Metrics(f).Revisions.WithLabels("failed").Value);
    }

    [Fact]
    public async Task CompleteChatStreaming_BufferModeCleanAnswer_OneCallNoRevision()
    {
        await using var f = await StartAsync(streaming: "buffer");
        f.Upstream.Answer = Kind;

        var (text, _) = await Sdk.ChatStreaming.ReadAsync(Client(f).CompleteChatStreamingAsync([new UserChatMessage("My internet is down.")]));

        Assert.Equal(Kind, text);
        Assert.Single(f.Upstream.RequestBodies);
    }

    [Fact]
    public async Task Stream_BufferModePastTheBudget_PumpedWholeWithoutARevision()
    {
        await using var f = await ProxyFixture.StartAsync("buffer", extraRules: ReviseRule,
            services: s => s.Configure<Guardrail.AspNetCore.Hosting.GuardrailOptions>(o => o.InFlightBytes = 128 * 1024));
        var pieces = Enumerable.Range(0, 3000).Select(i => $"The river ran past the old mill for the {i}th time. ").ToList();
        f.Upstream.Handler = ctx => Sse.WriteAsync(ctx, pieces.Select(p => Sse.Chunk(new JsonObject { ["content"] = p }, null)).Append(Sse.Chunk(new JsonObject(), "stop")).Append("[DONE]"));

        var response = await f.PostChatAsync(Completions.Request("Tell me a long story.", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        Assert.Equal(string.Concat(pieces), SseReader.Text(events));
        Assert.Contains("memory-budget", events.Last(e => e.Contains("\"guardrail\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Single(f.Upstream.RequestBodies);
    }

    [Fact]
    public async Task CompleteChat_CleanAnswer_NoRevisionAsked()
    {
        await using var f = await StartAsync();
        f.Upstream.Answer = Kind;

        var result = await Client(f).CompleteChatAsync([new UserChatMessage("My internet is down.")]);

        Assert.Equal(Kind, result.Value.Content[0].Text);
        Assert.Null(Verdict(result)["revision"]);
        Assert.Single(f.Upstream.RequestBodies);
    }
}
