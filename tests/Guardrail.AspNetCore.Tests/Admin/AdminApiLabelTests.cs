using System.Net;
using Guardrail.Audit;
using Guardrail.Testing.Admin;
using Guardrail.Verdicts;
using static Guardrail.AspNetCore.Tests.Admin.AdminApiFixture;

namespace Guardrail.AspNetCore.Tests.Admin;

/// <summary><c>POST /guardrail/api/verdicts/{id}/labels</c>: human labels, and the 400s for bad ones.</summary>
public sealed class AdminApiLabelTests(AdminApiFixture fixture) : IClassFixture<AdminApiFixture>
{
    private string Path(AuditRecord r) => $"/guardrail/api/verdicts/{r.Id}/labels";

    [Fact]
    public async Task PostLabel_FalsePositiveWithNote_201ThenGetShowsIt()
    {
        var record = AuditSamples.Grounding;

        using var response = await fixture.Admin.PostAsync(Path(record),
            new StringContent("""{"label":"false-positive","note":"The source says orange, the answer says red: fine."}""", System.Text.Encoding.UTF8, "application/json"));
        var entry = await GetJsonAsync(fixture.Admin, $"/guardrail/api/verdicts/{record.Id}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/guardrail/api/verdicts/{record.Id}", response.Headers.Location!.ToString());
        var label = Assert.Single(entry["labels"]!.AsArray())!;
        Assert.Equal("false-positive", label["label"]!.GetValue<string>());
        Assert.Equal("The source says orange, the answer says red: fine.", label["note"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(label["time"]!.GetValue<string>()) > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(LabelKind.FalsePositive, Assert.Single(fixture.Store.LabelsOf(record.Id)).Kind);
    }

    [Theory]
    [InlineData("correct", LabelKind.Correct)]
    [InlineData("false-negative", LabelKind.FalseNegative)]
    public async Task PostLabel_EachKindWithoutNote_Stored(string wire, LabelKind kind)
    {
        var record = AuditSamples.Allowed(AuditSamples.Newest.AddDays(-1).AddMinutes((int)kind));
        fixture.Store.Seed(record);

        var (status, body) = await PostJsonAsync(fixture.Admin, Path(record), $$"""{"label":"{{wire}}"}""");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(wire, body["label"]!.GetValue<string>());
        Assert.Null(body["note"]);
        var stored = Assert.Single(fixture.Store.LabelsOf(record.Id));
        Assert.Equal(kind, stored.Kind);
        Assert.Null(stored.Note);
    }

    [Fact]
    public async Task PostLabel_FalseNegativeWithCategory_StoredAndShown()
    {
        var record = AuditSamples.Allowed(AuditSamples.Newest.AddDays(-3));
        fixture.Store.Seed(record);

        var (status, body) = await PostJsonAsync(fixture.Admin, Path(record), """{"label":"false-negative","category":"threat"}""");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("threat", body["category"]!.GetValue<string>());
        Assert.Equal("threat", Assert.Single(fixture.Store.LabelsOf(record.Id)).Category);
    }

    [Fact]
    public async Task PostLabel_Twice_BothKeptAndCounted()
    {
        var record = AuditSamples.Allowed(AuditSamples.Newest.AddDays(-2));
        fixture.Store.Seed(record);

        await PostJsonAsync(fixture.Admin, Path(record), """{"label":"correct","note":"first"}""");
        await PostJsonAsync(fixture.Admin, Path(record), """{"label":"false-negative","note":"second look"}""");
        var page = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts?to=2026-01-13T12:00:01Z&limit=1");

        Assert.Equal(2, fixture.Store.LabelsOf(record.Id).Count);
        Assert.Equal(record.Id, page["items"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(2, page["items"]![0]!["labels"]!.GetValue<int>());
    }

    [Fact]
    public async Task PostLabel_NoteAtLimit_201()
    {
        var (status, _) = await PostJsonAsync(fixture.Admin, Path(AuditSamples.Injection), $$"""{"label":"correct","note":"{{new string('n', 2000)}}"}""");

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Theory]
    [InlineData("""{"label":"wrong"}""", "invalid_label")]
    [InlineData("""{"label":"False-Positive"}""", "invalid_label")]
    [InlineData("""{"note":"no label"}""", "invalid_label")]
    [InlineData("""{"label":1}""", "invalid_label")]
    [InlineData("""{"label":"correct","note":5}""", "invalid_note")]
    [InlineData("""{"label":"correct","extra":true}""", "invalid_body")]
    [InlineData("""{"label":"false-negative","category":"Threat!"}""", "invalid_category")]
    [InlineData("""{"label":"false-negative","category":7}""", "invalid_category")]
    [InlineData("""["correct"]""", "invalid_body")]
    [InlineData("""{"label":""", "invalid_body")]
    [InlineData("", "invalid_body")]
    public async Task PostLabel_MalformedBody_400(string json, string code)
    {
        var (status, body) = await PostJsonAsync(fixture.Admin, Path(AuditSamples.Pii), json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, ErrorCode(body));
        Assert.Empty(fixture.Store.LabelsOf(AuditSamples.Pii.Id));
    }

    [Fact]
    public async Task PostLabel_NoteOverLimit_400()
    {
        var (status, body) = await PostJsonAsync(fixture.Admin, Path(AuditSamples.Pii), $$"""{"label":"correct","note":"{{new string('n', 2001)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("note_too_long", ErrorCode(body));
    }

    [Fact]
    public async Task PostLabel_HugeBody_413()
    {
        var (status, body) = await PostJsonAsync(fixture.Admin, Path(AuditSamples.Pii), $$"""{"label":"correct","note":"{{new string('n', 20_000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("body_too_large", ErrorCode(body));
    }

    [Fact]
    public async Task PostLabel_NotJson_415()
    {
        var (status, body) = await PostJsonAsync(fixture.Admin, Path(AuditSamples.Pii), "label=correct", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("unsupported_media_type", ErrorCode(body));
    }

    [Fact]
    public async Task PostLabel_UnknownId_404()
    {
        var (status, body) = await PostJsonAsync(fixture.Admin, $"/guardrail/api/verdicts/{VerdictId.New(TimeProvider.System)}/labels", """{"label":"correct"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("verdict_not_found", ErrorCode(body));
    }

    [Fact]
    public async Task PostLabel_MalformedId_400()
    {
        var (status, body) = await PostJsonAsync(fixture.Admin, "/guardrail/api/verdicts/gr_nope/labels", """{"label":"correct"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_id", ErrorCode(body));
    }

    [Fact]
    public async Task GetLabels_405WithAllowPost()
    {
        using var response = await fixture.Admin.GetAsync(Path(AuditSamples.Pii));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
    }
}
