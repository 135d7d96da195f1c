using System.Text.Json.Nodes;
using Guardrail.Testing.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guardrail.AspNetCore.UiTests.Admin.Ui;

/// <summary>The explanation UI end to end: real Chromium, real admin listener, the UI's own API calls.</summary>
public sealed class ExplanationUiTests(ChromiumFixture fixture) : IClassFixture<ChromiumFixture>
{
    private static async Task EnterKeyAsync(IPage page, string key = AdminProxy.ApiKey)
    {
        await page.GotoAsync("/guardrail/ui");
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
    }

    private static ILocator Rows(IPage page) => page.Locator("#verdicts tbody tr");

    [Fact]
    public async Task Ui_FilterOpenAndLabelGroundingVerdict_SpanPassageAndLabelShown()
    {
        var (context, page, errors) = await fixture.NewPageAsync();
        await using var _ = context;
        var grounding = AuditSamples.Grounding;
        var finding = grounding.Verdict.Findings[0];

        await EnterKeyAsync(page);
        await Expect(page.Locator($"#verdicts tbody tr[data-id='{AuditSamples.Pii.Id}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"#verdicts tbody tr[data-id='{grounding.Id}']")).ToBeVisibleAsync();

        await page.GetByLabel("Decision").SelectOptionAsync("flag");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(Rows(page)).ToHaveCountAsync(2);
        await Expect(page.Locator($"#verdicts tbody tr[data-id='{AuditSamples.Pii.Id}']")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = grounding.Id }).ClickAsync();
        await Expect(page.Locator("#detail-heading")).ToContainTextAsync(grounding.Id);

        // The highlight is the finding's span of the stored text (UTF-16 offsets, after an emoji's surrogate pair).
        var mark = page.Locator("#d-texts section[data-target='response.choices[0].message'] mark[data-findings~='0']");
        await Expect(mark).ToHaveCountAsync(1);
        var stored = grounding.Texts.Single(t => t.Target == finding.Target).Text;
        Assert.Equal(stored[finding.Span!.Value.Start..finding.Span.Value.End], await mark.TextContentAsync());
        Assert.Equal(finding.Text, await mark.TextContentAsync());

        var card = page.Locator("#d-findings li.finding[data-rule='grounding.unsupported-claim']");
        await Expect(card).ToContainTextAsync("grounding.unsupported-claim");
        await Expect(card).ToContainTextAsync("0.81");
        await Expect(card).ToContainTextAsync("Threshold0.5");
        await Expect(card).ToContainTextAsync(finding.Explanation);
        await Expect(card.Locator("blockquote.passage")).ToHaveTextAsync(AuditSamples.Passage);
        await Expect(card.Locator("ul.missing li")).ToHaveTextAsync(["red", "1912"]);
        await Expect(page.Locator("#d-explanation li")).ToContainTextAsync("flag grounding.unsupported-claim (grounding)");

        await page.GetByLabel("Note").FillAsync("Orange, not red, but the claim is harmless.");
        await page.GetByRole(AriaRole.Button, new() { Name = "False positive" }).ClickAsync();
        await Expect(page.Locator("#label-status")).ToHaveTextAsync("Labelled false positive.");
        await Expect(page.Locator("#d-labels li[data-label='false-positive']")).ToContainTextAsync("Orange, not red, but the claim is harmless.");

        using var api = fixture.Host.AdminClient();
        var entry = JsonNode.Parse(await api.GetStringAsync($"/guardrail/api/verdicts/{grounding.Id}"))!;
        var label = Assert.Single(entry["labels"]!.AsArray())!;
        Assert.Equal("false-positive", label["label"]!.GetValue<string>());
        Assert.Equal("Orange, not red, but the claim is harmless.", label["note"]!.GetValue<string>());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Ui_PiiVerdict_RedactedSpanHighlightedOverMaskedText()
    {
        var (context, page, errors) = await fixture.NewPageAsync();
        await using var _ = context;
        var pii = AuditSamples.Pii;
        var finding = pii.Verdict.Findings[0];

        await EnterKeyAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = pii.Id }).ClickAsync();

        var mark = page.Locator("#d-texts mark[data-findings~='0']");
        await Expect(mark).ToHaveClassAsync("hl-redact");
        var stored = pii.Texts.Single(t => t.Target == finding.Target).Text;
        Assert.Equal(stored[finding.Span!.Value.Start..finding.Span.Value.End], await mark.TextContentAsync());
        await Expect(page.Locator("#d-findings")).ToContainTextAsync("[EMAIL]");
        await Expect(page.Locator("#d-meta")).ToContainTextAsync("redact");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Ui_JudgeLabels_WhoWhatWhyAndTheSpanMarked()
    {
        var (context, page, errors) = await fixture.NewPageAsync();
        await using var _ = context;
        var grounding = AuditSamples.Grounding;
        var finding = grounding.Verdict.Findings[0];
        var span = finding.Span!.Value;
        await fixture.Store.AddJudgeLabelsAsync([
            new Guardrail.Audit.JudgeLabel(grounding.Id, "supported-and-cited", true, Guardrail.Judging.JudgeSeverity.Medium, "Source [2] says International Orange, not red.",
                [new Guardrail.Judging.JudgeSpan(finding.Target, span.Start, span.End)], "judge-model-1", "guardrail-default@abc1234", "uncertain", AuditSamples.Newest),
            new Guardrail.Audit.JudgeLabel(grounding.Id, "no-insults", false, Guardrail.Judging.JudgeSeverity.Low, "Polite.", [], "judge-model-1", "guardrail-default@abc1234", "uncertain", AuditSamples.Newest),
        ]);

        await EnterKeyAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = grounding.Id }).ClickAsync();

        var labels = page.Locator("#d-judge-labels li");
        await Expect(labels).ToHaveCountAsync(2);
        await Expect(labels.Nth(0)).ToContainTextAsync("J1 supported-and-cited: violated");
        await Expect(labels.Nth(0)).ToContainTextAsync("judge-model-1 (guardrail-default@abc1234)");
        await Expect(labels.Nth(0)).ToContainTextAsync("Source [2] says International Orange, not red.");
        await Expect(labels.Nth(1)).ToContainTextAsync("no-insults: not violated");
        var mark = page.Locator("#d-texts mark[data-findings~='j0']");
        await Expect(mark).ToHaveAttributeAsync("data-marker", new System.Text.RegularExpressions.Regex("J1"));
        var stored = grounding.Texts.Single(t => t.Target == finding.Target).Text;
        Assert.Equal(stored[span.Start..span.End], await mark.TextContentAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Ui_FalseNegativeWithCategory_StoredAndListed()
    {
        var (context, page, errors) = await fixture.NewPageAsync();
        await using var _ = context;
        var injection = AuditSamples.Injection;

        await EnterKeyAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = injection.Id }).ClickAsync();
        await page.GetByLabel("What was missed").FillAsync("threat");
        await page.GetByRole(AriaRole.Button, new() { Name = "False negative" }).ClickAsync();

        await Expect(page.Locator("#label-status")).ToHaveTextAsync("Labelled false negative.");
        await Expect(page.Locator("#d-labels li[data-label='false-negative']")).ToContainTextAsync("threat");
        Assert.Contains(fixture.Store.LabelsOf(injection.Id), l => l.Category == "threat");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Ui_WrongKey_ErrorAndAskedAgain()
    {
        var (context, page, _) = await fixture.NewPageAsync();
        await using var __ = context;

        await EnterKeyAsync(page, "wrong-key-wrong-key-wrong");

        await Expect(page.Locator("#key-error")).ToHaveTextAsync("The admin API key is not valid.");
        await Expect(page.GetByLabel("API key", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#list-view")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('guardrail.adminApiKey')"));
    }

    [Fact]
    public async Task Ui_HostileStoredText_ShownAsTextNeverRun()
    {
        var (context, page, errors) = await fixture.NewPageAsync();
        await using var _ = context;
        var hostile = UiSamples.Hostile;

        await EnterKeyAsync(page);
        await page.GetByLabel("Route").FillAsync("hostile");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = hostile.Id }).ClickAsync();

        await Expect(page.Locator("#d-texts pre")).ToHaveTextAsync(UiSamples.HostileText);
        await Expect(page.Locator("#d-texts mark")).ToHaveTextAsync(hostile.Verdict.Findings[0].Text!);
        await Expect(page.Locator("#d-findings")).ToContainTextAsync("<b>category</b>");
        Assert.Equal(0, await page.Locator("#pwned, #d-texts img, #d-findings img, #d-texts script, b").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Ui_Paging_NextAndFirstPage()
    {
        var older = Enumerable.Range(0, 25).Select(i => AuditSamples.Allowed(AuditSamples.Newest.AddDays(-30).AddMinutes(-i)) with { Route = "paging" }).ToArray();
        fixture.Store.Seed(older);
        var (context, page, errors) = await fixture.NewPageAsync();
        await using var _ = context;

        await EnterKeyAsync(page);
        await page.GetByLabel("Route").FillAsync("paging");
        await page.GetByLabel("Per page").SelectOptionAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(Rows(page)).ToHaveCountAsync(20);
        await Expect(Rows(page).First).ToHaveAttributeAsync("data-id", older[0].Id);

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(Rows(page)).ToHaveCountAsync(5);
        await Expect(Rows(page).Last).ToHaveAttributeAsync("data-id", older[^1].Id);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeDisabledAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "First page" }).ClickAsync();
        await Expect(Rows(page)).ToHaveCountAsync(20);
        Assert.Empty(errors);
    }
}
