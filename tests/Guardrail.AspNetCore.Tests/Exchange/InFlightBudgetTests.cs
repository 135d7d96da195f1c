using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.AspNetCore.Exchange;
using Guardrail.AspNetCore.Hosting;
using Guardrail.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.AspNetCore.Tests.Exchange;

/// <summary>The resident-set test measures this process: nothing else of the assembly runs beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "memory measured";
}

/// <summary>Buffered bodies draw from one budget; past it an answer passes unchecked (or is withheld failing closed), whole.</summary>
[Collection(MemoryMeasuredCollection.Name)]
public class InFlightBudgetTests
{
    [Fact]
    public void TryTake_PastTheLimit_FalseAndNothingTaken()
    {
        var budget = new InFlightBudget(100);

        Assert.True(budget.TryTake(60));
        Assert.False(budget.TryTake(41));
        Assert.Equal(60, budget.InUse);
        budget.Return(60);
        Assert.True(budget.TryTake(100));
        Assert.Equal(100, budget.Peak);
    }

    [Fact]
    public void TryTake_ManyThreads_NeverPastTheLimit()
    {
        var budget = new InFlightBudget(1000);

        Parallel.For(0, 10_000, _ =>
        {
            if (budget.TryTake(7)) budget.Return(7);
        });

        Assert.Equal(0, budget.InUse);
        Assert.InRange(budget.Peak, 7, 1000);
    }

    [Fact]
    public void Lease_Dispose_ReturnsEverythingItTook()
    {
        var budget = new InFlightBudget(100);
        using (var lease = new BudgetLease(budget))
        {
            Assert.True(lease.TryTake(30));
            Assert.True(lease.TryTake(20));
            Assert.False(lease.TryTake(60));
            Assert.Equal(50, lease.Held);
        }
        Assert.Equal(0, budget.InUse);
    }

    [Fact]
    public async Task Proxy_AnswerPastTheBudget_PassedWholeUncheckedMemoryBudget()
    {
        await using var f = await ProxyFixture.StartAsync(services: s => s.Configure<GuardrailOptions>(o => o.InFlightBytes = 256 * 1024));
        var body = Encoding.UTF8.GetBytes(Completions.Json(LongAnswer(600_000)));
        f.Upstream.Handler = ctx => Write(ctx, body);

        var response = await f.PostChatAsync(Completions.Request("Tell me a long story."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("unchecked", response.Headers.GetValues("x-guardrail-decision").Single());
        Assert.Contains("memory-budget", response.Headers.GetValues("x-guardrail-unchecked").Single());
        Assert.Equal(0, await SettledAsync(f.Proxy.Services.GetRequiredService<InFlightBudget>()));
    }

    [Fact]
    public async Task Proxy_AnswerPastTheBudgetClosed_Withheld503RetryAfter()
    {
        await using var f = await ProxyFixture.StartAsync(failMode: "closed", services: s => s.Configure<GuardrailOptions>(o => o.InFlightBytes = 256 * 1024));
        var body = Encoding.UTF8.GetBytes(Completions.Json(LongAnswer(600_000)));
        f.Upstream.Handler = ctx => Write(ctx, body);

        var response = await f.PostChatAsync(Completions.Request("Tell me a long story."));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.DoesNotContain("Once upon", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Proxy_PromptPastTheBudget_ForwardedWholeUnchecked()
    {
        await using var f = await ProxyFixture.StartAsync(services: s => s.Configure<GuardrailOptions>(o => o.InFlightBytes = 64 * 1024));
        f.Upstream.Handler = ctx => Completions.WriteAsync(ctx, "Fine.");
        var request = Completions.Request(LongAnswer(200_000));

        var response = await f.PostChatAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(request, Assert.Single(f.Upstream.RequestBodies));
        Assert.Equal("unchecked", response.Headers.GetValues("x-guardrail-decision").Single());
    }

    [Fact]
    public async Task Proxy_BufferedStreamPastTheBudget_EveryDeltaArrivesUncheckedMemoryBudget()
    {
        await using var f = await ProxyFixture.StartAsync("buffer", services: s => s.Configure<GuardrailOptions>(o => o.InFlightBytes = 256 * 1024));
        var pieces = StreamPieces(3000);
        f.Upstream.Handler = ctx => Sse.WriteAsync(ctx, pieces.Select(p => Sse.Chunk(new JsonObject { ["content"] = p }, null)).Append(Sse.Chunk(new JsonObject(), "stop")).Append("[DONE]"));

        var response = await f.PostChatAsync(Completions.Request("Tell me a long story.", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        Assert.Equal(string.Concat(pieces), SseReader.Text(events));
        var verdict = JsonNode.Parse(events.Last(e => e.Contains("\"guardrail\"", StringComparison.Ordinal)))!["guardrail"]!;
        Assert.Equal("unchecked", (string?)verdict["decision"]);
        Assert.Contains("memory-budget", verdict.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await SettledAsync(f.Proxy.Services.GetRequiredService<InFlightBudget>()));
    }

    [Fact]
    public async Task Proxy_BufferedStreamPastTheBudgetClosed_CutBeforeAnyText()
    {
        await using var f = await ProxyFixture.StartAsync("buffer", failMode: "closed", services: s => s.Configure<GuardrailOptions>(o => o.InFlightBytes = 256 * 1024));
        var pieces = StreamPieces(3000);
        f.Upstream.Handler = ctx => Sse.WriteAsync(ctx, pieces.Select(p => Sse.Chunk(new JsonObject { ["content"] = p }, null)).Append(Sse.Chunk(new JsonObject(), "stop")).Append("[DONE]"));

        var response = await f.PostChatAsync(Completions.Request("Tell me a long story.", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        Assert.DoesNotContain("Once upon", SseReader.Text(events));
        Assert.Contains(events, e => e.Contains("content_filter", StringComparison.Ordinal));
        Assert.Equal(0, await SettledAsync(f.Proxy.Services.GetRequiredService<InFlightBudget>()));
    }

    [Fact]
    public async Task Proxy_CompressedPromptDecodingPastTheBudget_ForwardedAsItCameUnchecked()
    {
        await using var f = await ProxyFixture.StartAsync(services: s => s.Configure<GuardrailOptions>(o => o.InFlightBytes = 64 * 1024));
        f.Upstream.Handler = ctx => Completions.WriteAsync(ctx, "Fine.");
        // A few kilobytes on the wire that decode to 200 KB: the decoded body is what the budget must hold.
        var content = Completions.Gzipped(Completions.Request(LongAnswer(200_000)));
        Assert.True(content.Headers.ContentLength < 32 * 1024);

        var response = await f.Client.PostAsync("/v1/chat/completions", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unchecked", response.Headers.GetValues("x-guardrail-decision").Single());
        Assert.Contains("memory-budget", response.Headers.GetValues("x-guardrail-unchecked").Single());
        Assert.Equal("gzip", Assert.Single(f.Upstream.RequestHeaders).ContentEncoding.ToString());
        Assert.Equal(0, await SettledAsync(f.Proxy.Services.GetRequiredService<InFlightBudget>()));
    }

    [Fact]
    public async Task Proxy_UpstreamErrorPastTheBudget_PassedWhole()
    {
        await using var f = await ProxyFixture.StartAsync(services: s => s.Configure<GuardrailOptions>(o => o.InFlightBytes = 256 * 1024));
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["error"] = new JsonObject { ["message"] = LongAnswer(600_000) } }.ToJsonString());
        f.Upstream.Handler = ctx =>
        {
            ctx.Response.StatusCode = 500;
            return Write(ctx, body);
        };

        var response = await f.PostChatAsync(Completions.Request("Tell me a long story."));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, await SettledAsync(f.Proxy.Services.GetRequiredService<InFlightBudget>()));
    }

    [Fact]
    public async Task Proxy_ManyConcurrentLargeAnswers_BudgetHeldAndResidentSetBounded()
    {
        const long budgetBytes = 16L * 1024 * 1024;
        await using var f = await ProxyFixture.StartAsync(services: s => s.Configure<GuardrailOptions>(o => o.InFlightBytes = budgetBytes));
        var body = Encoding.UTF8.GetBytes(Completions.Json(LongAnswer(4_000_000)));
        f.Upstream.Handler = ctx => Write(ctx, body);
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var baseline = process.WorkingSet64;
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5);
            }
        });

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var r = await f.PostChatAsync(Completions.Request("Tell me a long story."), HttpCompletionOption.ResponseHeadersRead);
            await using var s = await r.Content.ReadAsStreamAsync();
            var length = 0L;
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = await s.ReadAsync(buffer)) > 0) length += n;
            return (Length: length, Unchecked: r.Headers.TryGetValues("x-guardrail-unchecked", out var v) ? string.Join(",", v) : "");
        }));
        await sampling.CancelAsync();
        await sampler;

        var budget = f.Proxy.Services.GetRequiredService<InFlightBudget>();
        Assert.All(responses, r => Assert.Equal(body.Length, r.Length));
        Assert.Contains(responses, r => r.Unchecked.Contains("memory-budget", StringComparison.Ordinal));
        Assert.InRange(budget.Peak, 1, budgetBytes);
        Assert.Equal(0, await SettledAsync(budget));
        // Sixteen 4 MB answers buffered and parsed at once would take the process past a gigabyte; the budget keeps
        // the growth to the budget plus a fixed overhead (the client's and upstream's buffers, the runtime's heaps).
        Assert.True(peak - baseline < budgetBytes + 300L * 1024 * 1024, $"resident set grew {(peak - baseline) / (1024 * 1024)} MiB");
    }

    // The lease is returned when the proxy's pipeline unwinds, a moment after the client has read the last byte.
    private static async Task<long> SettledAsync(InFlightBudget budget)
    {
        for (var i = 0; i < 200 && budget.InUse != 0; i++) await Task.Delay(10);
        return budget.InUse;
    }

    private static List<string> StreamPieces(int count) =>
        ["Once upon a time. ", .. Enumerable.Range(0, count).Select(i => $"The river ran past the old mill for the {i}th time. ")];

    private static string LongAnswer(int length)
    {
        var sb = new StringBuilder("Once upon a time. ");
        while (sb.Length < length) sb.Append("The river ran past the old mill and the miller counted the sacks of flour again. ");
        return sb.ToString();
    }

    private static async Task Write(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }
}
