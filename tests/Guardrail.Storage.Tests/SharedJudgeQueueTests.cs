using Guardrail.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Guardrail.Storage.Tests;

/// <summary>Two replicas of the proxy behind one PostgreSQL database share the judge's queue: every exchange is judged once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedJudgeQueueTests(PostgresServer server)
{
    [Fact]
    public async Task Replicas_OneDatabase_EveryExchangeJudgedExactlyOnce()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var judge = await FakeJudge.StartAsync();
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Answer = "Restart the router, then check the cable.";
        var replicas = new List<GuardedProxy>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                replicas.Add(await GuardedProxy.StartAsync(upstream.BaseAddress, services: s =>
                {
                    s.AddGuardrailAuditStore(o => o.ConnectionString = connectionString);
                    s.AddGuardrailAudit(o => o.FlushDelay = TimeSpan.FromMilliseconds(5));
                    s.AddGuardrailJudge(o => (o.Upstream, o.SampleRate, o.Band, o.Concurrency) = (judge.BaseAddress.ToString(), 1, 0, 2));
                }));
            }
            const int exchanges = 24;
            var ids = new List<string>();
            for (var i = 0; i < exchanges; i++)
            {
                using var client = new HttpClient { BaseAddress = replicas[i % 2].BaseAddress };
                using var response = await client.PostAsync("/v1/chat/completions", new StringContent(Completions.Request($"My internet is down ({i})."), System.Text.Encoding.UTF8, "application/json"));
                ids.Add(response.Headers.GetValues("x-guardrail-id").Single());
            }

            await using var data = NpgsqlDataSource.Create(connectionString);
            var principles = Guardrail.Judging.ConstitutionLoader.LoadFromRules(RepoPaths.Rules)!.Constitution!.Principles.Count;
            var counts = new Dictionary<string, long>();
            for (var wait = 0; wait < 300; wait++)
            {
                counts = await LabelCountsAsync(data);
                if (counts.Values.Sum() >= exchanges * principles && judge.Calls >= exchanges) break;
                await Task.Delay(100);
            }
            await Task.Delay(500); // a duplicate judged late would show now

            counts = await LabelCountsAsync(data);
            Assert.Equal(exchanges, judge.Calls);
            Assert.Equal(ids.Order(), counts.Keys.Order());
            Assert.All(counts.Values, n => Assert.Equal(principles, n));
            await using var left = data.CreateCommand("SELECT count(*) FROM judge_queue");
            Assert.Equal(0L, await left.ExecuteScalarAsync());
            // The work went through the shared table (an in-process queue would leave it untouched).
            long inserted = 0;
            for (var wait = 0; wait < 50 && inserted < exchanges; wait++)
            {
                await using var stats = data.CreateCommand("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'judge_queue'");
                inserted = (long)(await stats.ExecuteScalarAsync())!;
                if (inserted < exchanges) await Task.Delay(200);
            }
            Assert.Equal(exchanges, inserted);
        }
        finally
        {
            foreach (var r in replicas) await r.DisposeAsync();
        }
    }

    [Fact]
    public async Task TakeAsync_TwoStoresReadingTogether_EachItemOnceAndCapacityHeld()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var a = new Postgres.PostgresAuditStore(connectionString);
        await using var b = new Postgres.PostgresAuditStore(connectionString);
        await a.EnsureSchemaAsync();
        var work = Enumerable.Range(0, 40).Select(i => new Guardrail.Judging.JudgeWork($"v{i}", "chat", "sample",
            new Guardrail.Judging.JudgeInput([new Guardrail.Judging.JudgeText("response.choices[0].message", $"answer {i}")], [], new Guardrail.Verdicts.Verdict { Id = $"v{i}", Policy = "p@1" }),
            DateTimeOffset.UnixEpoch)).ToList();

        Assert.Equal(30, await a.EnqueueAsync(work.Take(30).ToList(), capacity: 35));
        Assert.Equal(5, await b.EnqueueAsync(work.Skip(30).ToList(), capacity: 35));
        var taken = await Task.WhenAll(new[] { a, b, a, b }.Select(store => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (await store.TakeAsync() is { } item) mine.Add(item.VerdictId);
            return mine;
        })));

        var all = taken.SelectMany(x => x).ToList();
        Assert.Equal(35, all.Count);
        Assert.Equal(35, all.Distinct().Count());
        Assert.Equal("answer 7", (await RoundTripAsync(a, work[7])).Input.Texts[0].Text);
    }

    private static async Task<Guardrail.Judging.JudgeWork> RoundTripAsync(Postgres.PostgresAuditStore store, Guardrail.Judging.JudgeWork work)
    {
        await store.EnqueueAsync([work], capacity: 10);
        return (await store.TakeAsync())!;
    }

    private static async Task<Dictionary<string, long>> LabelCountsAsync(NpgsqlDataSource data)
    {
        var counts = new Dictionary<string, long>();
        await using var command = data.CreateCommand("SELECT verdict_id, count(*) FROM judge_labels GROUP BY verdict_id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }
}
