using System.Net;
using System.Text.Json.Nodes;
using Guardrail.Testing.Admin;
using Guardrail.Verdicts;
using static Guardrail.AspNetCore.Tests.Admin.AdminApiFixture;

namespace Guardrail.AspNetCore.Tests.Admin;

/// <summary><c>GET /guardrail/api/verdicts</c>: filters, paging and the 400s for malformed ones, on the real admin listener.</summary>
public sealed class AdminApiListTests(AdminApiFixture fixture) : IClassFixture<AdminApiFixture>
{
    private static string[] Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task List_NoFilters_AllVerdictsNewestFirstWithSummaryFields()
    {
        var page = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts");

        var expected = AuditSamples.All().OrderByDescending(r => r.Time).Select(r => r.Id).ToArray();
        Assert.Equal(expected, Ids(page));
        Assert.Null(page["next"]);
        var first = page["items"]![0]!;
        Assert.Equal(AuditSamples.Pii.Id, first["id"]!.GetValue<string>());
        Assert.Equal("redact", first["decision"]!.GetValue<string>());
        Assert.Equal("default", first["route"]!.GetValue<string>());
        Assert.Equal("default@3f2a9c1", first["policy"]!.GetValue<string>());
        Assert.Equal(["pii.email"], first["rules"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(["pii"], first["categories"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("2026-01-15T11:59:00.0000000Z", first["time"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("decision=flag", "Grounding")]
    [InlineData("decision=BLOCK", "Injection")]
    [InlineData("rule=pii.email", "Pii")]
    [InlineData("category=grounding", "Grounding")]
    [InlineData("route=internal", "Injection")]
    [InlineData("route=rag&category=grounding&decision=flag", "Grounding")]
    public async Task List_Filter_OnlyMatchingVerdicts(string query, string sample)
    {
        var expected = sample switch { "Pii" => AuditSamples.Pii, "Grounding" => AuditSamples.Grounding, _ => AuditSamples.Injection };

        var page = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?" + query);

        Assert.Equal([expected.Id], Ids(page));
    }

    [Fact]
    public async Task List_DecisionAllow_OnlyVerdictsWithoutFindings()
    {
        var page = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?decision=allow");

        Assert.Equal(6, Ids(page).Length);
        Assert.All(page["items"]!.AsArray(), i => Assert.Equal("allow", i!["decision"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_TimeRange_FromInclusiveToExclusive()
    {
        // Pii is 11:59, Grounding 11:58, Injection 11:57.
        var page = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?from=2026-01-15T11:57:00Z&to=2026-01-15T11:59:00Z");

        Assert.Equal([AuditSamples.Grounding.Id, AuditSamples.Injection.Id], Ids(page));
        var query = fixture.Store.Queries[^1];
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 11, 57, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 11, 59, 0, TimeSpan.Zero), query.To);
    }

    [Fact]
    public async Task List_TimeWithOffsetAndDate_ConvertedToUtc()
    {
        var page = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?from=2026-01-15T12:58:30%2B01:00&to=2026-01-16");

        Assert.Equal([AuditSamples.Pii.Id], Ids(page));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 11, 58, 30, TimeSpan.Zero), fixture.Store.Queries[^1].From);
    }

    [Fact]
    public async Task List_FiltersReachStoreParsed()
    {
        await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?decision=redact&rule=pii.email&category=pii&route=default&limit=7");

        var query = fixture.Store.Queries[^1];
        Assert.Equal(Decision.Redact, query.Decision);
        Assert.Equal("pii.email", query.Rule);
        Assert.Equal("pii", query.Category);
        Assert.Equal("default", query.Route);
        Assert.Equal(7, query.Limit);
        Assert.Null(query.Cursor);
    }

    [Fact]
    public async Task List_EmptyValues_MeanNoFilter()
    {
        var page = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?decision=&rule=&category=&route=&from=&to=&cursor=");

        Assert.Equal(9, Ids(page).Length);
        Assert.Equal(new Guardrail.Audit.AuditQuery(), fixture.Store.Queries[^1]);
    }

    [Fact]
    public async Task List_PagingWithCursor_EveryVerdictOnceInOrder()
    {
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?limit=4" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.True(Ids(page).Length <= 4);
            seen.AddRange(Ids(page));
            cursor = page["next"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(AuditSamples.All().OrderByDescending(r => r.Time).Select(r => r.Id), seen);
    }

    [Fact]
    public async Task List_PagingWithFilter_CursorKeepsFilter()
    {
        var first = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?decision=allow&limit=5");
        var next = first["next"]!.GetValue<string>();
        var second = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?decision=allow&limit=5&cursor=" + Uri.EscapeDataString(next));

        Assert.Equal(5, Ids(first).Length);
        Assert.Single(Ids(second));
        Assert.Null(second["next"]);
    }

    [Theory]
    [InlineData("decision=maybe", "invalid_decision")]
    [InlineData("from=yesterday", "invalid_time")]
    [InlineData("to=15/01/2026", "invalid_time")]
    [InlineData("from=2026-01-15T25:00:00Z", "invalid_time")]
    [InlineData("from=2026-01-16&to=2026-01-15", "invalid_time_range")]
    [InlineData("limit=0", "invalid_limit")]
    [InlineData("limit=501", "invalid_limit")]
    [InlineData("limit=-1", "invalid_limit")]
    [InlineData("limit=ten", "invalid_limit")]
    [InlineData("limit=99999999999", "invalid_limit")]
    [InlineData("cursor=not-a-cursor", "invalid_cursor")]
    [InlineData("cursor=has%20space", "invalid_cursor")]
    [InlineData("decison=block", "unknown_parameter")]
    [InlineData("decision=flag&decision=block", "repeated_parameter")]
    [InlineData("rule=%01", "invalid_rule")]
    public async Task List_MalformedFilter_400WithCode(string query, string code)
    {
        var body = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?" + query, HttpStatusCode.BadRequest);

        Assert.Equal(code, ErrorCode(body));
        Assert.False(string.IsNullOrWhiteSpace(body["error"]!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_OverlongFilterAndCursor_400()
    {
        var rule = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?rule=" + new string('r', 201), HttpStatusCode.BadRequest);
        var cursor = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?cursor=" + new string('c', 513), HttpStatusCode.BadRequest);

        Assert.Equal("invalid_rule", ErrorCode(rule));
        Assert.Equal("invalid_cursor", ErrorCode(cursor));
    }

    [Fact]
    public async Task List_UnknownPath_404Json()
    {
        var body = await GetJsonAsync(fixture.Admin, "/guardrail/api/nothing-here", HttpStatusCode.NotFound);

        Assert.Equal("not_found", ErrorCode(body));
    }

    [Fact]
    public async Task List_Post_405WithAllow()
    {
        using var response = await fixture.Admin.PostAsync("/guardrail/api/verdicts", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET", response.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task List_Response_NotCached()
    {
        using var response = await fixture.Admin.GetAsync("/guardrail/api/verdicts?limit=1");

        Assert.True(response.Headers.CacheControl!.NoStore);
    }
}
