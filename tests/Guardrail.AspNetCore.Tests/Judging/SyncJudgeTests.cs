using System.Diagnostics;
using Guardrail.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.AspNetCore.Tests.Judging;

/// <summary>A route whose policy asks for the judge on the hot path: it decides before release, within its budget.</summary>
public sealed class SyncJudgeTests : IAsyncLifetime
{
    private const string SyncPolicy = "judge: { sync: { categories: [insult], budgetMs: 1500, action: block } }";
    private FakeJudge _judge = null!;

    public async Task InitializeAsync() => _judge = await FakeJudge.StartAsync();

    public async Task DisposeAsync() => await _judge.DisposeAsync();

    private Task<ProxyFixture> StartAsync(string policy = SyncPolicy, bool judge = true) =>
        ProxyFixture.StartAsync(extraPolicyYaml: policy, services: s =>
        {
            if (judge) s.AddGuardrailJudge(o => (o.Upstream, o.SampleRate, o.Band, o.Retries) = (_judge.BaseAddress.ToString(), 0, 0, 0));
        });

    [Fact]
    public async Task Proxy_JudgeFindsThePrincipleViolated_AnswerWithheldWithItsFinding()
    {
        await using var f = await StartAsync();
        // "moron" is the fake judge's insult trigger; the fast checks need not agree.
        f.Upstream.Answer = "Ask a moron and you get this answer.";

        var (response, body) = await f.PostChatJsonAsync(Completions.Request("Help me."));

        Assert.Equal("block", response.Headers.GetValues("x-guardrail-decision").Single());
        Assert.DoesNotContain("moron", (string?)body["choices"]![0]!["message"]!["content"]);
        var finding = body["guardrail"]!["findings"]!.AsArray().Single(x => (string?)x!["rule"] == "judge.no-insults")!;
        Assert.Equal(("insult", "block"), ((string?)finding["category"], (string?)finding["action"]));
        Assert.DoesNotContain("moron", (string?)finding["explanation"]);
        Assert.Single(_judge.Requests);
    }

    [Fact]
    public async Task Proxy_JudgeFindsNothing_FastChecksDecide()
    {
        await using var f = await StartAsync();
        f.Upstream.Answer = "Restart the router, then check the cable.";

        var (response, body) = await f.PostChatJsonAsync(Completions.Request("Help me."));

        Assert.Equal("allow", response.Headers.GetValues("x-guardrail-decision").Single());
        Assert.Null(body["guardrail"]!["notes"]);
        Assert.Single(_judge.Requests);
    }

    [Fact]
    public async Task Proxy_JudgeSlowerThanTheBudget_FallsBackInTimeAndSaysSo()
    {
        _judge.Behaviour = JudgeBehaviour.Slow;
        _judge.Delay = TimeSpan.FromSeconds(20);
        await using var f = await StartAsync("judge: { sync: { categories: [insult], budgetMs: 300 } }");
        f.Upstream.Answer = "Ask a moron and you get this answer.";
        var clock = Stopwatch.StartNew();

        var (response, body) = await f.PostChatJsonAsync(Completions.Request("Help me."));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.NotEqual("block", response.Headers.GetValues("x-guardrail-decision").Single());
        Assert.Contains(body["guardrail"]!["notes"]!.AsArray(), n => ((string?)n)!.Contains("judge: timeout", StringComparison.Ordinal) && ((string?)n)!.Contains("the fast checks decided", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Proxy_JudgeAnswersProse_FallsBackAndSaysSo()
    {
        _judge.Behaviour = JudgeBehaviour.Prose;
        await using var f = await StartAsync();
        f.Upstream.Answer = "Restart the router.";

        var (_, body) = await f.PostChatJsonAsync(Completions.Request("Help me."));

        Assert.Contains(body["guardrail"]!["notes"]!.AsArray(), n => ((string?)n)!.StartsWith("judge: not-json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Proxy_SyncPolicyWithoutAJudge_NoteSaysTheFastChecksDecided()
    {
        await using var f = await StartAsync(judge: false);
        f.Upstream.Answer = "Restart the router.";

        var (_, body) = await f.PostChatJsonAsync(Completions.Request("Help me."));

        Assert.Contains(body["guardrail"]!["notes"]!.AsArray(), n => ((string?)n)!.Contains("none is configured", StringComparison.Ordinal));
    }
}
