using Guardrail.Audit;
using Guardrail.Judging;
using Guardrail.Verdicts;
using static Guardrail.Storage.Tests.AuditRecords;

namespace Guardrail.Storage.Tests;

/// <summary>What every <see cref="IAuditStore"/> must do; run against SQLite and a real PostgreSQL server by the subclasses.</summary>
public abstract class AuditStoreContractTests : IAsyncLifetime
{
    private readonly List<IAuditStore> _stores = [];

    protected IAuditStore Store { get; private set; } = null!;

    /// <summary>A store on a new, empty database (no schema yet).</summary>
    protected abstract Task<IAuditStore> OpenNewAsync();

    /// <summary>Applies the store's migrations up to <paramref name="version"/> only.</summary>
    protected abstract Task MigrateAsync(IAuditStore store, int version);

    /// <summary>The schema version recorded in the store's database.</summary>
    protected abstract Task<int> SchemaVersionAsync(IAuditStore store);

    /// <summary>The store's newest schema version (PostgreSQL also keeps the replicas' judge queue).</summary>
    protected abstract int LatestVersion { get; }

    protected async Task<IAuditStore> TrackAsync(Task<IAuditStore> opening)
    {
        var store = await opening;
        _stores.Add(store);
        return store;
    }

    public virtual async Task InitializeAsync()
    {
        Store = await TrackAsync(OpenNewAsync());
        await Store.EnsureSchemaAsync();
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable a) await a.DisposeAsync();
            else (store as IDisposable)?.Dispose();
        }
    }

    private async Task<List<AuditSummary>> AllAsync(AuditQuery query)
    {
        var items = new List<AuditSummary>();
        for (string? cursor = null; ;)
        {
            var page = await Store.QueryAsync(query with { Cursor = cursor });
            items.AddRange(page.Items);
            if ((cursor = page.Next) is null) return items;
        }
    }

    private async Task<List<string>> IdsAsync(AuditQuery query) => (await AllAsync(query)).Select(s => s.Id).ToList();

    private Task WriteSampleAsync() => Store.WriteAsync(
    [
        Record("a", 1, "chat", Decision.Allow),
        Record("b", 2, "chat", Decision.Redact, ("pii.email", "pii")),
        Record("c", 3, "embed", Decision.Block, ("toxicity.insult", "toxicity"), ("pii.email", "pii")),
        Record("d", 4, "embed", Decision.Flag, ("grounding.unsupported-claim", "grounding")),
        Record("e", 5, "chat", Decision.Redact, ("pii.phone", "pii")),
    ]);

    [Fact]
    public async Task WriteAsync_RichRecord_GetReturnsItUnchanged()
    {
        var record = Rich("gr_rich");
        await Store.WriteAsync([record]);

        var entry = await Store.GetAsync("gr_rich");

        Assert.NotNull(entry);
        var r = entry.Record;
        Assert.Equal((record.Time, record.Route, record.TextMode), (r.Time, r.Route, r.TextMode));
        Assert.Equal(record.Texts, r.Texts);
        Assert.Equal(VerdictJson.Serialize(record.Verdict), VerdictJson.Serialize(r.Verdict));
        Assert.Empty(entry.Labels);
    }

    [Fact]
    public async Task WriteAsync_ExistingId_Ignored()
    {
        await Store.WriteAsync([Record("a", 1, "chat")]);
        await Store.WriteAsync([Record("a", 2, "other", Decision.Block, ("pii.email", "pii")), Record("b", 3)]);

        Assert.Equal("chat", (await Store.GetAsync("a"))!.Record.Route);
        Assert.Equal(["b", "a"], await IdsAsync(new AuditQuery()));
        Assert.Empty(await IdsAsync(new AuditQuery { Rule = "pii.email" }));
    }

    [Fact]
    public async Task WriteAsync_TextWithNulAndControlCharacters_StoredExactly()
    {
        var record = Record("nul", 1) with { Texts = [new AuditedText("request.messages[0]", "a\0b\u0001c\td\r\n\u2028e")] };

        await Store.WriteAsync([record]);

        Assert.Equal(record.Texts, (await Store.GetAsync("nul"))!.Record.Texts);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentBatches_AllStored()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w =>
            Store.WriteAsync(Enumerable.Range(0, 50).Select(i => Record($"w{w}-{i:D2}", i, findings: ("pii.email", "pii"))).ToList())));

        Assert.Equal(200, (await IdsAsync(new AuditQuery { Rule = "pii.email", Limit = 500 })).Count);
    }

    [Fact]
    public async Task QueryAsync_NoFilter_NewestFirstWithSummary()
    {
        await WriteSampleAsync();
        await Store.AddLabelAsync(new HumanLabel("c", LabelKind.FalsePositive, null, T0));

        var page = await Store.QueryAsync(new AuditQuery());

        Assert.Equal(["e", "d", "c", "b", "a"], page.Items.Select(i => i.Id));
        Assert.Null(page.Next);
        var c = page.Items[2];
        Assert.Equal(("c", T0.AddMinutes(3), "embed", Decision.Block, "default@abc123", 1), (c.Id, c.Time, c.Route, c.Decision, c.Policy, c.Labels));
        Assert.Equal(["pii.email", "toxicity.insult"], c.Rules);
        Assert.Equal(["pii", "toxicity"], c.Categories);
        Assert.Empty(page.Items[4].Rules);
    }

    [Theory]
    [InlineData("decision", "redact", "e,b")]
    [InlineData("decision", "allow", "a")]
    [InlineData("rule", "pii.email", "c,b")]
    [InlineData("rule", "pii.nothing", "")]
    [InlineData("category", "pii", "e,c,b")]
    [InlineData("category", "grounding", "d")]
    [InlineData("route", "embed", "d,c")]
    public async Task QueryAsync_OneFilter_OnlyMatchingNewestFirst(string filter, string value, string expected)
    {
        await WriteSampleAsync();
        DecisionExtensions.TryParseWire(value, out var decision);
        var query = filter switch
        {
            "decision" => new AuditQuery { Decision = decision },
            "rule" => new AuditQuery { Rule = value },
            "category" => new AuditQuery { Category = value },
            _ => new AuditQuery { Route = value },
        };

        Assert.Equal(expected, string.Join(",", await IdsAsync(query)));
    }

    [Fact]
    public async Task QueryAsync_FromTo_HalfOpenRange()
    {
        await WriteSampleAsync();

        Assert.Equal(["c", "b"], await IdsAsync(new AuditQuery { From = T0.AddMinutes(2), To = T0.AddMinutes(4) }));
        Assert.Equal(["e", "d"], await IdsAsync(new AuditQuery { From = T0.AddMinutes(4) }));
        Assert.Equal(["a"], await IdsAsync(new AuditQuery { To = T0.AddMinutes(2) }));
    }

    [Fact]
    public async Task QueryAsync_CombinedFilters_AllApply()
    {
        await WriteSampleAsync();

        Assert.Equal(["b"], await IdsAsync(new AuditQuery { Category = "pii", Route = "chat", Decision = Decision.Redact, To = T0.AddMinutes(5) }));
        Assert.Equal(["c"], await IdsAsync(new AuditQuery { Rule = "pii.email", Category = "toxicity" }));
    }

    [Fact]
    public async Task QueryAsync_CursorPaging_EveryRecordOnceNewestFirst()
    {
        // Three records per millisecond: the id breaks ties, so no page boundary loses or repeats one.
        var records = Enumerable.Range(0, 25).Select(i => Record($"r{i:D2}", i / 3)).ToList();
        await Store.WriteAsync(records);

        var pages = new List<int>();
        var ids = new List<string>();
        for (string? cursor = null; ;)
        {
            var page = await Store.QueryAsync(new AuditQuery { Limit = 7, Cursor = cursor });
            pages.Add(page.Items.Count);
            ids.AddRange(page.Items.Select(i => i.Id));
            if ((cursor = page.Next) is null) break;
        }

        Assert.Equal([7, 7, 7, 4], pages);
        Assert.Equal(records.Select(r => r.Id).Reverse(), ids);
    }

    [Fact]
    public async Task QueryAsync_CursorWithFilter_PagesWithinFilter()
    {
        await Store.WriteAsync(Enumerable.Range(0, 10).Select(i => Record($"r{i}", i, i % 2 == 0 ? "even" : "odd")).ToList());

        var first = await Store.QueryAsync(new AuditQuery { Route = "even", Limit = 2 });
        var second = await Store.QueryAsync(new AuditQuery { Route = "even", Limit = 2, Cursor = first.Next });

        Assert.Equal(["r8", "r6"], first.Items.Select(i => i.Id));
        Assert.Equal(["r4", "r2"], second.Items.Select(i => i.Id));
        Assert.NotNull(second.Next);
    }

    [Theory]
    [InlineData("not-a-cursor!")]
    [InlineData("djE6eHg6eQ")] // "v1:xx:y"
    [InlineData("djE6MTIz")] // "v1:123", no id
    public async Task QueryAsync_ForeignCursor_ArgumentException(string cursor)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.QueryAsync(new AuditQuery { Cursor = cursor }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task QueryAsync_LimitOutOfRange_ArgumentOutOfRange(int limit)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.QueryAsync(new AuditQuery { Limit = limit }));
    }

    [Fact]
    public async Task GetAsync_UnknownId_Null()
    {
        await WriteSampleAsync();

        Assert.Null(await Store.GetAsync("nope"));
    }

    [Fact]
    public async Task AddLabelAsync_KnownVerdict_TrueAndListedInOrder()
    {
        await WriteSampleAsync();

        Assert.True(await Store.AddLabelAsync(new HumanLabel("b", LabelKind.FalsePositive, "a test address\0", T0.AddHours(2))));
        Assert.True(await Store.AddLabelAsync(new HumanLabel("b", LabelKind.Correct, null, T0.AddHours(1))));

        var labels = (await Store.GetAsync("b"))!.Labels;
        Assert.Equal([LabelKind.Correct, LabelKind.FalsePositive], labels.Select(l => l.Kind));
        Assert.Equal((T0.AddHours(1), (string?)null, "b"), (labels[0].Time, labels[0].Note, labels[0].VerdictId));
        Assert.StartsWith("a test address", labels[1].Note);
        Assert.Equal(2, (await Store.QueryAsync(new AuditQuery { Route = "chat" })).Items.Single(i => i.Id == "b").Labels);
    }

    [Fact]
    public async Task AddLabelAsync_WithCategory_ReadBack()
    {
        await WriteSampleAsync();

        Assert.True(await Store.AddLabelAsync(new HumanLabel("b", LabelKind.FalseNegative, null, T0) { Category = "threat" }));

        Assert.Equal("threat", Assert.Single((await Store.GetAsync("b"))!.Labels).Category);
    }

    [Fact]
    public async Task AddLabelAsync_UnknownVerdict_False()
    {
        Assert.False(await Store.AddLabelAsync(new HumanLabel("nope", LabelKind.FalseNegative, null, T0)));
    }

    private static JudgeLabel JudgeLabelOn(string id, string principle, bool violated, params JudgeSpan[] spans) =>
        new(id, principle, violated, JudgeSeverity.High, "Calls the user an idiot\0.", spans, "judge-model", "guardrail-default@abc1234", "sample", T0.AddMinutes(30));

    [Fact]
    public async Task AddJudgeLabelsAsync_KnownVerdict_StoredAndReadBackWithSpans()
    {
        await WriteSampleAsync();
        var span = new JudgeSpan("response.choices[0].message", 3, 9);

        Assert.True(await Store.AddJudgeLabelsAsync([JudgeLabelOn("b", "no-insults", true, span), JudgeLabelOn("b", "no-threats", false)]));

        var labels = (await Store.GetAsync("b"))!.JudgeLabels;
        Assert.Equal(["no-insults", "no-threats"], labels.Select(l => l.Principle));
        var insult = labels[0];
        Assert.Equal((true, JudgeSeverity.High, "judge-model", "guardrail-default@abc1234", "sample", T0.AddMinutes(30)),
            (insult.Violated, insult.Severity, insult.Judge, insult.Constitution, insult.Reason, insult.Time));
        Assert.Equal(span, Assert.Single(insult.Spans));
        Assert.StartsWith("Calls the user an idiot", insult.Rationale);
        Assert.Empty(labels[1].Spans);
        Assert.Empty((await Store.GetAsync("a"))!.JudgeLabels);
    }

    [Fact]
    public async Task AddShadowAsync_KnownVerdict_ReadBackUnknownFalse()
    {
        await WriteSampleAsync();
        var finding = new Finding { Rule = "toxicity.insult-answer", Category = "insult", Target = "response.choices[0].message", Score = 0.7, Threshold = 0.5, Action = Decision.Flag, Explanation = "x" };

        Assert.True(await Store.AddShadowAsync(new ShadowRecord("b", "toxicity@candidate", Decision.Allow, Decision.Flag, [finding], T0.AddMinutes(40))));
        Assert.False(await Store.AddShadowAsync(new ShadowRecord("nope", "toxicity@candidate", Decision.Allow, Decision.Flag, [], T0)));

        var shadow = Assert.Single((await Store.GetAsync("b"))!.Shadow);
        Assert.Equal(("toxicity@candidate", Decision.Allow, Decision.Flag, T0.AddMinutes(40)), (shadow.Shadow, shadow.LiveDecision, shadow.ShadowDecision, shadow.Time));
        Assert.Equal("toxicity.insult-answer", Assert.Single(shadow.Findings).Rule);
    }

    [Fact]
    public async Task AddJudgeLabelsAsync_UnknownVerdict_FalseNothingStored()
    {
        await WriteSampleAsync();

        Assert.False(await Store.AddJudgeLabelsAsync([JudgeLabelOn("nope", "no-insults", true)]));
        // All or none: a batch naming one unknown verdict leaves the known one unlabelled too.
        Assert.False(await Store.AddJudgeLabelsAsync([JudgeLabelOn("b", "no-insults", true), JudgeLabelOn("nope", "no-threats", true)]));
        Assert.Empty((await Store.GetAsync("b"))!.JudgeLabels);
    }

    [Fact]
    public async Task PruneAsync_ByAge_JudgeLabelsGoWithTheirVerdict()
    {
        await WriteSampleAsync();
        await Store.AddJudgeLabelsAsync([JudgeLabelOn("b", "no-insults", true)]);

        await Store.PruneAsync(T0.AddMinutes(3), keepAtMost: 100);

        Assert.Null(await Store.GetAsync("b"));
        await Store.WriteAsync([Record("b", 9)]);
        Assert.Empty((await Store.GetAsync("b"))!.JudgeLabels);
    }

    [Fact]
    public async Task PruneAsync_ByAge_DeletesOlderWithLabelsAndFindings()
    {
        await WriteSampleAsync();
        await Store.AddLabelAsync(new HumanLabel("b", LabelKind.Correct, null, T0));

        var deleted = await Store.PruneAsync(T0.AddMinutes(3), keepAtMost: 100);

        Assert.Equal(2, deleted);
        Assert.Equal(["e", "d", "c"], await IdsAsync(new AuditQuery()));
        Assert.Null(await Store.GetAsync("b"));
        Assert.Equal(["c"], await IdsAsync(new AuditQuery { Rule = "pii.email" }));
        // The label went with its verdict: labelling the id again finds no verdict.
        Assert.False(await Store.AddLabelAsync(new HumanLabel("b", LabelKind.Correct, null, T0)));
    }

    [Fact]
    public async Task PruneAsync_ByCount_KeepsNewest()
    {
        await Store.WriteAsync(Enumerable.Range(0, 12).Select(i => Record($"r{i:D2}", i / 4)).ToList());

        var deleted = await Store.PruneAsync(T0.AddDays(-1), keepAtMost: 5);

        Assert.Equal(7, deleted);
        Assert.Equal(["r11", "r10", "r09", "r08", "r07"], await IdsAsync(new AuditQuery()));
        Assert.Equal(0, await Store.PruneAsync(T0.AddDays(-1), keepAtMost: 5));
    }

    [Fact]
    public async Task PruneAsync_KeepZero_DeletesAll()
    {
        await WriteSampleAsync();

        Assert.Equal(5, await Store.PruneAsync(T0.AddDays(-1), keepAtMost: 0));
        Assert.Empty((await Store.QueryAsync(new AuditQuery())).Items);
    }

    [Fact]
    public async Task EnsureSchemaAsync_Twice_IdempotentDataKept()
    {
        await WriteSampleAsync();

        await Store.EnsureSchemaAsync();
        await Store.EnsureSchemaAsync();

        Assert.Equal(LatestVersion, await SchemaVersionAsync(Store));
        Assert.Equal(5, (await IdsAsync(new AuditQuery())).Count);
    }

    [Fact]
    public async Task EnsureSchemaAsync_FromVersion1_MigratesKeepingData()
    {
        var old = await TrackAsync(OpenNewAsync());
        await MigrateAsync(old, 1);
        await old.WriteAsync([Record("early", 1, findings: ("pii.email", "pii"))]);
        Assert.Equal(1, await SchemaVersionAsync(old));

        await old.EnsureSchemaAsync();

        Assert.Equal(LatestVersion, await SchemaVersionAsync(old));
        Assert.True(await old.AddLabelAsync(new HumanLabel("early", LabelKind.Correct, "after the upgrade", T0)));
        Assert.True(await old.AddJudgeLabelsAsync([JudgeLabelOn("early", "no-insults", violated: false)]));
        var summary = (await old.QueryAsync(new AuditQuery { Rule = "pii.email" })).Items.Single();
        Assert.Equal(("early", 1), (summary.Id, summary.Labels));
    }
}
