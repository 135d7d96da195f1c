using Guardrail.AspNetCore.Metrics;
using Guardrail.Audit;
using Guardrail.Testing;
using Guardrail.Testing.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.AspNetCore.Tests.Judging;

/// <summary>The cascade through the real proxy: which exchanges reach the judge, and what it leaves behind.</summary>
public sealed class JudgeCascadeTests : IAsyncLifetime
{
    private FakeJudge _judge = null!;

    public async Task InitializeAsync() => _judge = await FakeJudge.StartAsync();

    public async Task DisposeAsync() => await _judge.DisposeAsync();

    private Task<ProxyFixture> StartAsync(InMemoryAuditStore store, double sample, string extraPolicyYaml = "", double band = 0.1) =>
        ProxyFixture.StartAsync(extraPolicyYaml: extraPolicyYaml, services: s =>
        {
            s.AddSingleton<IAuditStore>(store);
            s.AddGuardrailAudit(o => o.FlushDelay = TimeSpan.FromMilliseconds(5));
            s.AddGuardrailJudge(o =>
            {
                o.Upstream = _judge.BaseAddress.ToString();
                o.SampleRate = sample;
                o.Band = band;
                o.AttemptTimeoutSeconds = 5;
                o.TotalTimeoutSeconds = 10;
            });
        });

    private static GuardrailMetrics Metrics(ProxyFixture f) => f.Proxy.Services.GetRequiredService<GuardrailMetrics>();

    private static async Task<IReadOnlyList<JudgeLabel>> LabelsAsync(InMemoryAuditStore store, string id)
    {
        for (var i = 0; i < 300; i++)
        {
            if (store.JudgeLabelsOf(id) is { Count: > 0 } labels) return labels;
            await Task.Delay(20);
        }
        return [];
    }

    [Fact]
    public async Task Proxy_SampledExchange_JudgeLabelsStoredBesideTheVerdict()
    {
        var store = new InMemoryAuditStore();
        // Band 0: chosen by the sample alone, whatever the classifier scored.
        await using var f = await StartAsync(store, sample: 1, band: 0);
        f.Upstream.Answer = "Only an idiot would ask that.";

        var response = await f.PostChatAsync(Completions.Request("Help me."));
        var id = response.Headers.GetValues("x-guardrail-id").Single();
        var labels = await LabelsAsync(store, id);

        var insult = Assert.Single(labels, l => l.Principle == "no-insults");
        Assert.True(insult.Violated);
        Assert.Equal(("sample", "fake-judge-1"), (insult.Reason, insult.Judge));
        Assert.StartsWith("guardrail-default@", insult.Constitution);
        Assert.Equal(7, labels.Count);
        Assert.Equal(1, Metrics(f).JudgeEvaluations.WithLabels("violated").Value);
        Assert.Equal(1, Metrics(f).JudgeQueued.WithLabels("sample").Value);
    }

    [Fact]
    public async Task Proxy_SampleRateZeroClearScores_NothingJudged()
    {
        var store = new InMemoryAuditStore();
        await using var f = await StartAsync(store, sample: 0);
        f.Upstream.Answer = "Paris is the capital of France.";

        await f.PostChatAsync(Completions.Request("What is the capital of France?"));
        await Task.Delay(300);

        Assert.Equal(0, _judge.Calls);
        Assert.Equal(0, Metrics(f).JudgeQueued.WithLabels("sample").Value);
    }

    [Fact]
    public async Task Proxy_ScoreInTheBand_JudgedAsUncertain()
    {
        var store = new InMemoryAuditStore();
        // The email detector scores 0.9; at a threshold of 0.85 the finding lies inside a band of 0.1.
        await using var f = await StartAsync(store, sample: 0, extraPolicyYaml: "overrides: { pii.email: { above: 0.85 } }");
        f.Upstream.Answer = "Write to jane.doe@example.com for help.";

        var response = await f.PostChatAsync(Completions.Request("Who do I write to?"));
        var labels = await LabelsAsync(store, response.Headers.GetValues("x-guardrail-id").Single());

        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Equal("uncertain", l.Reason));
        // The judge saw the text as the audit store keeps it: the redacted address masked.
        var sent = _judge.Requests.Single()["messages"]![1]!["content"]!.GetValue<string>();
        Assert.DoesNotContain("jane.doe@example.com", sent);
        Assert.Contains(AuditRedaction.MaskChar, sent);
    }

    [Fact]
    public async Task Proxy_PolicyJudgeFullText_JudgeSeesTheTextAsExchanged()
    {
        var store = new InMemoryAuditStore();
        await using var f = await StartAsync(store, sample: 0, extraPolicyYaml: "overrides: { pii.email: { above: 0.85 } }\njudge: { text: full }");
        f.Upstream.Answer = "Write to jane.doe@example.com for help.";

        var response = await f.PostChatAsync(Completions.Request("Who do I write to?"));
        await LabelsAsync(store, response.Headers.GetValues("x-guardrail-id").Single());

        Assert.Contains("jane.doe@example.com", _judge.Requests.Single()["messages"]![1]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Proxy_JudgeReturnsProse_CountedInvalidNoLabel()
    {
        var store = new InMemoryAuditStore();
        _judge.Behaviour = JudgeBehaviour.Prose;
        await using var f = await StartAsync(store, sample: 1);

        var response = await f.PostChatAsync(Completions.Request("Help me."));
        for (var i = 0; i < 200 && Metrics(f).JudgeEvaluations.WithLabels("invalid").Value == 0; i++) await Task.Delay(20);

        Assert.Equal(1, Metrics(f).JudgeEvaluations.WithLabels("invalid").Value);
        Assert.Empty(store.JudgeLabelsOf(response.Headers.GetValues("x-guardrail-id").Single()));
    }

    [Fact]
    public async Task Proxy_JudgeDown_TrafficUnaffectedErrorCounted()
    {
        var store = new InMemoryAuditStore();
        _judge.Behaviour = JudgeBehaviour.Down;
        await using var f = await StartAsync(store, sample: 1);
        f.Upstream.Answer = "Fine.";

        var response = await f.PostChatAsync(Completions.Request("Help me."));
        for (var i = 0; i < 300 && Metrics(f).JudgeEvaluations.WithLabels("error").Value == 0; i++) await Task.Delay(20);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Metrics(f).JudgeEvaluations.WithLabels("error").Value);
    }
}
