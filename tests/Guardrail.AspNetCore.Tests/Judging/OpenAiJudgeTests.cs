using Guardrail.AspNetCore.Judging;
using Guardrail.Judging;
using Guardrail.Testing;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Tests.Judging;

/// <summary>The judge client against the fake judge on Kestrel: the schema, every way it can go wrong, and resilience.</summary>
public sealed class OpenAiJudgeTests : IAsyncLifetime
{
    private static readonly Constitution Constitution = ConstitutionLoader.LoadFromRules(RepoPaths.Rules)!.Constitution!;
    private FakeJudge _judge = null!;

    public async Task InitializeAsync() => _judge = await FakeJudge.StartAsync();

    public async Task DisposeAsync() => await _judge.DisposeAsync();

    private StandaloneJudge Client(Action<JudgeOptions>? configure = null)
    {
        var options = new JudgeOptions { Upstream = _judge.BaseAddress.ToString(), Model = "judge-model", ApiKey = "sk-judge-secret", AttemptTimeoutSeconds = 2, TotalTimeoutSeconds = 6, Retries = 2 };
        configure?.Invoke(options);
        return new StandaloneJudge(options, Constitution);
    }

    private static JudgeInput Input(string answer, string prompt = "Help me.") => new(
        [new JudgeText("request.messages[0]", prompt), new JudgeText("response.choices[0].message", answer)],
        [],
        new Verdict { Id = "v1", Policy = "default@x" });

    [Fact]
    public async Task JudgeAsync_InsultingAnswer_ViolatedWithSpanAndModel()
    {
        using var client = Client();

        var outcome = await client.Judge.JudgeAsync(Input("Only an idiot would ask that."));

        Assert.True(outcome.Succeeded, outcome.Detail);
        var insult = outcome.Verdicts!.Single(v => v.Principle == "no-insults");
        Assert.True(insult.Violated);
        Assert.Equal(new JudgeSpan("response.choices[0].message", 8, 13), Assert.Single(insult.Spans));
        Assert.All(outcome.Verdicts!.Where(v => v.Principle != "no-insults"), v => Assert.False(v.Violated));
        Assert.Equal("fake-judge-1", outcome.Model);
    }

    [Fact]
    public async Task JudgeAsync_Request_ConstitutionSchemaAndBearerKey()
    {
        using var client = Client();

        await client.Judge.JudgeAsync(Input("Fine."));

        var request = Assert.Single(_judge.Requests);
        Assert.Equal("judge-model", (string?)request["model"]);
        Assert.Equal("json_schema", (string?)request["response_format"]!["type"]);
        Assert.Contains("no-injected-instructions", (string?)request["messages"]![0]!["content"]);
        Assert.Equal("Bearer sk-judge-secret", Assert.Single(_judge.Authorizations));
    }

    [Theory]
    [InlineData(JudgeBehaviour.Prose, JudgeErrors.NotJson)]
    [InlineData(JudgeBehaviour.WrongShape, JudgeErrors.WrongShape)]
    [InlineData(JudgeBehaviour.UnknownPrinciple, JudgeErrors.UnknownPrinciple)]
    [InlineData(JudgeBehaviour.SpanOutOfRange, JudgeErrors.SpanOutOfRange)]
    public async Task JudgeAsync_MalformedAnswer_ErrorNeverVerdicts(JudgeBehaviour behaviour, string code)
    {
        _judge.Behaviour = behaviour;
        using var client = Client();

        var outcome = await client.Judge.JudgeAsync(Input("You idiot."));

        Assert.Equal(code, outcome.Error);
        Assert.Null(outcome.Verdicts);
    }

    [Fact]
    public async Task JudgeAsync_Down_UnavailableAfterRetries()
    {
        _judge.Behaviour = JudgeBehaviour.Down;
        using var client = Client(o => o.Retries = 1);

        var outcome = await client.Judge.JudgeAsync(Input("Fine."));

        Assert.Equal(JudgeErrors.Unavailable, outcome.Error);
        Assert.Equal(2, _judge.Calls);
    }

    [Fact]
    public async Task JudgeAsync_RateLimitedWithRetryAfter_RetriedAfterTheWait()
    {
        _judge.Behaviour = JudgeBehaviour.RateLimited;
        _judge.RateLimitedCalls = 1;
        using var client = Client();

        var outcome = await client.Judge.JudgeAsync(Input("Fine."));

        Assert.True(outcome.Succeeded, outcome.Detail);
        Assert.Equal(2, _judge.Calls);
        // Retry-After: 1 was honoured rather than the short default backoff.
        Assert.True(outcome.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {outcome.Elapsed}");
    }

    [Fact]
    public async Task JudgeAsync_Slow_TimeoutWithinTheTotal()
    {
        _judge.Behaviour = JudgeBehaviour.Slow;
        _judge.Delay = TimeSpan.FromSeconds(30);
        using var client = Client(o => (o.AttemptTimeoutSeconds, o.TotalTimeoutSeconds, o.Retries) = (0.5, 1.5, 1));

        var outcome = await client.Judge.JudgeAsync(Input("Fine."));

        Assert.Equal(JudgeErrors.Timeout, outcome.Error);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(10), $"took {outcome.Elapsed}");
    }

    [Fact]
    public async Task JudgeAsync_NothingListening_Unavailable()
    {
        using var client = new StandaloneJudge(new JudgeOptions { Upstream = $"http://127.0.0.1:{LoopbackPorts.Free()}/v1", Retries = 0, AttemptTimeoutSeconds = 2, TotalTimeoutSeconds = 2 }, Constitution);

        var outcome = await client.Judge.JudgeAsync(Input("Fine."));

        Assert.Equal(JudgeErrors.Unavailable, outcome.Error);
    }

    [Fact]
    public async Task RunAsync_ShippedConstitutionExamples_FakeJudgeAgreesWithEvery()
    {
        using var client = Client();

        var results = await ConstitutionTests.RunAsync(client.Judge);

        Assert.Equal(Constitution.Principles.Sum(p => p.Examples.Count), results.Count);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Principle} line {r.Line}: expected {r.ExpectViolated}, judged {r.Violated} {r.Error}"));
    }

    [Fact]
    public async Task RunAsync_JudgeThatMissesAPrinciple_ThoseExamplesFail()
    {
        _judge.Triggers.Remove("no-threats");
        using var client = Client();

        var results = await ConstitutionTests.RunAsync(client.Judge);

        Assert.All(results.Where(r => !r.Passed), r => Assert.Equal("no-threats", r.Principle));
        Assert.Equal(2, results.Count(r => !r.Passed));
    }
}
