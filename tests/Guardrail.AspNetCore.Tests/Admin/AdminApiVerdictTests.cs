using System.Net;
using Guardrail.Testing.Admin;
using Guardrail.Verdicts;
using static Guardrail.AspNetCore.Tests.Admin.AdminApiFixture;

namespace Guardrail.AspNetCore.Tests.Admin;

/// <summary><c>GET /guardrail/api/verdicts/{id}</c>: the verdict, its texts, labels and explanation.</summary>
public sealed class AdminApiVerdictTests(AdminApiFixture fixture) : IClassFixture<AdminApiFixture>
{
    [Fact]
    public async Task Get_KnownId_VerdictJsonTextsAndExplanation()
    {
        var record = AuditSamples.Grounding;

        var body = await GetJsonAsync(fixture.Admin, $"/guardrail/api/verdicts/{record.Id}");

        Assert.Equal(record.Id, body["id"]!.GetValue<string>());
        Assert.Equal("rag", body["route"]!.GetValue<string>());
        Assert.Equal("masked", body["textMode"]!.GetValue<string>());
        Assert.Equal("2026-01-15T11:58:00.0000000Z", body["time"]!.GetValue<string>());
        // The same shape as everywhere else (DESIGN §3), readable back into the same verdict.
        Assert.Equal(VerdictJson.Serialize(record.Verdict), body["verdict"]!.ToJsonString());
        Assert.Equal(record.Verdict.Findings[0].Span, VerdictJson.FromJson(body["verdict"]!).Findings[0].Span);
        var texts = body["texts"]!.AsArray();
        Assert.Equal(2, texts.Count);
        Assert.Equal("response.choices[0].message", texts[1]!["target"]!.GetValue<string>());
        Assert.Equal(AuditSamples.GroundingAnswer, texts[1]!["text"]!.GetValue<string>());
        Assert.Empty(body["labels"]!.AsArray());
        var explanation = Assert.Single(body["explanation"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith("flag grounding.unsupported-claim (grounding) in response.choices[0].message [", explanation);
        Assert.Contains("score 0.81 ≥ threshold 0.5. Cited source [2] does not support this sentence", explanation);
    }

    [Fact]
    public async Task Get_SpanInStoredText_IndexesTheFindingText()
    {
        var body = await GetJsonAsync(fixture.Admin, $"/guardrail/api/verdicts/{AuditSamples.Grounding.Id}");

        var finding = body["verdict"]!["findings"]![0]!;
        var text = body["texts"]![1]!["text"]!.GetValue<string>();
        int start = finding["span"]!["start"]!.GetValue<int>(), end = finding["span"]!["end"]!.GetValue<int>();
        Assert.Equal(finding["text"]!.GetValue<string>(), text[start..end]);
        Assert.Equal(AuditSamples.Passage, finding["evidence"]!["passage"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_NoFindings_EmptyExplanation()
    {
        var allowed = AuditSamples.All()[^1];

        var body = await GetJsonAsync(fixture.Admin, $"/guardrail/api/verdicts/{allowed.Id}");

        Assert.Equal("allow", body["verdict"]!["decision"]!.GetValue<string>());
        Assert.Empty(body["explanation"]!.AsArray());
    }

    [Fact]
    public async Task Get_UnknownId_404()
    {
        var id = VerdictId.New(TimeProvider.System);

        var body = await GetJsonAsync(fixture.Admin, $"/guardrail/api/verdicts/{id}", HttpStatusCode.NotFound);

        Assert.Equal("verdict_not_found", ErrorCode(body));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("gr_")]
    [InlineData("gr_01JDQ3ZK8W6V7X4Y2N5M9P0R1")]
    [InlineData("gr_01JDQ3ZK8W6V7X4Y2N5M9P0R1SS")]
    [InlineData("gr_01jdq3zk8w6v7x4y2n5m9p0r1s")]
    [InlineData("gr_01JDQ3ZK8W6V7X4Y2N5M9P0RIS")]
    [InlineData("gr_81JDQ3ZK8W6V7X4Y2N5M9P0R1S")]
    [InlineData("xx_01JDQ3ZK8W6V7X4Y2N5M9P0R1S")]
    [InlineData("gr_01JDQ3ZK8W6V7X4Y2N5M9P0R1%25")]
    public async Task Get_MalformedId_400(string id)
    {
        var body = await GetJsonAsync(fixture.Admin, $"/guardrail/api/verdicts/{id}", HttpStatusCode.BadRequest);

        Assert.Equal("invalid_id", ErrorCode(body));
    }

    [Fact]
    public async Task Get_TooManySegments_404()
    {
        var body = await GetJsonAsync(fixture.Admin, $"/guardrail/api/verdicts/{AuditSamples.Pii.Id}/extra", HttpStatusCode.NotFound);

        Assert.Equal("not_found", ErrorCode(body));
    }

    [Fact]
    public async Task Get_ExampleIdInErrorMessage_IsValidFormat()
    {
        var body = await GetJsonAsync(fixture.Admin, "/guardrail/api/verdicts/bad", HttpStatusCode.BadRequest);

        var example = body["error"]!["message"]!.GetValue<string>().Split(' ').Last().TrimEnd('.');
        Assert.True(VerdictId.IsValid(example), example);
    }
}
