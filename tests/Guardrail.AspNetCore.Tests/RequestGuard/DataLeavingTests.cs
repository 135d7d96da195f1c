using System.Net;
using System.Text.Json.Nodes;
using Guardrail.Audit;
using Guardrail.AspNetCore.Tests.Audit;
using Guardrail.Testing;
using Guardrail.Verdicts;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.AspNetCore.Tests.RequestGuard;

/// <summary>
/// Personal data and secrets in prompts, through the real proxy with the shipped rules and policies: the default policy
/// flags them and forwards the prompt as sent, dlp and strict mask them before the upstream sees them, and the audit
/// trail never stores them.
/// </summary>
public sealed class DataLeavingTests
{
    private const string Card = "4111 1111 1111 1111";
    private const string Key = "sk-proj-abc123DEF456ghi789JKL012mno345PQR";
    private const string Email = "jane.doe@example.com";
    private const string Prompt = $"Pay with {Card}, call the API with {Key} and mail {Email} please.";
    private const string PromptPath = "request.messages[1]";

    private static string Request(bool stream = false) => new JsonObject
    {
        ["model"] = "fake-model",
        ["stream"] = stream,
        ["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You are a billing assistant." },
            new JsonObject { ["role"] = "user", ["content"] = Prompt }),
    }.ToJsonString();

    private static Task<ProxyFixture> StartAsync(string policy, FakeAuditStore? audit = null) =>
        ProxyFixture.StartShippedAsync(policy, audit is null ? null : s =>
        {
            s.AddSingleton<IAuditStore>(audit);
            s.AddGuardrailAudit(o => o.FlushDelay = TimeSpan.FromMilliseconds(10));
        });

    private static async Task<(HttpResponseMessage Response, string Text)> PostAsync(ProxyFixture f, string body)
    {
        var response = await f.PostChatAsync(body);
        return (response, await response.Content.ReadAsStringAsync());
    }

    // In the order their spans stand in the prompt (the verdict lists them rule by rule).
    private static List<JsonNode> Findings(JsonNode body) =>
        body["guardrail"]!["findings"]!.AsArray().Select(x => x!).OrderBy(x => x["span"]!["start"]!.GetValue<int>()).ToList();

    [Fact]
    public async Task Proxy_DefaultPolicyPiiInPrompt_ForwardedAsSentAndFlaggedWithSpansOnTheRequestTarget()
    {
        await using var f = await StartAsync("default");

        var (response, text) = await PostAsync(f, Request());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = JsonNode.Parse(Assert.Single(f.Upstream.RequestBodies))!;
        Assert.Equal(Prompt, forwarded["messages"]![1]!["content"]!.GetValue<string>());
        Assert.Equal("flag", response.Headers.GetValues("x-guardrail-decision").Single());
        var body = JsonNode.Parse(text)!;
        Assert.Equal("flag", body["guardrail"]!["decision"]!.GetValue<string>());
        var findings = Findings(body);
        Assert.Equal(["pii.prompt.credit-card", "pii.prompt.secret", "pii.prompt.email"], findings.Select(x => x["rule"]!.GetValue<string>()));
        foreach (var (finding, value, mask) in findings.Zip([Card, Key, Email], ["[CARD]", "[SECRET]", "[EMAIL]"]))
        {
            Assert.Equal((PromptPath, "flag", "pii", mask), (finding["target"]!.GetValue<string>(), finding["action"]!.GetValue<string>(),
                finding["category"]!.GetValue<string>(), finding["text"]!.GetValue<string>()));
            var start = Prompt.IndexOf(value, StringComparison.Ordinal);
            Assert.Equal((start, start + value.Length), (finding["span"]!["start"]!.GetValue<int>(), finding["span"]!["end"]!.GetValue<int>()));
        }
        // The verdict names the spans but never repeats what they hold.
        Assert.DoesNotContain(Card, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dlp", false)]
    [InlineData("dlp", true)]
    [InlineData("strict", false)]
    public async Task Proxy_DlpOrStrictPolicyPiiInPrompt_UpstreamSeesMasksNeverTheValues(string policy, bool stream)
    {
        await using var f = await StartAsync(policy);

        var (response, _) = await PostAsync(f, Request(stream));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(f.Upstream.RequestBodies);
        Assert.DoesNotContain(Card, received, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", received, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, received, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-proj", received, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, received, StringComparison.Ordinal);
        var messages = JsonNode.Parse(received)!["messages"]!;
        Assert.Equal("You are a billing assistant.", messages[0]!["content"]!.GetValue<string>());
        Assert.Equal("Pay with [CARD], call the API with [SECRET] and mail [EMAIL] please.", messages[1]!["content"]!.GetValue<string>());
        Assert.Equal("redact", response.Headers.GetValues("x-guardrail-decision").Single());
    }

    [Fact]
    public async Task Proxy_DlpPolicy_VerdictNamesTheRedactionsOnTheRequestTarget()
    {
        await using var f = await StartAsync("dlp");

        var (_, text) = await PostAsync(f, Request());

        var findings = Findings(JsonNode.Parse(text)!);
        Assert.Equal(["pii.prompt.credit-card", "pii.prompt.secret", "pii.prompt.email"], findings.Select(x => x["rule"]!.GetValue<string>()));
        Assert.All(findings, x => Assert.Equal((PromptPath, "redact"), (x["target"]!.GetValue<string>(), x["action"]!.GetValue<string>())));
        Assert.Equal(["[CARD]", "[SECRET]", "[EMAIL]"], findings.Select(x => x["text"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("dlp")]
    public async Task Proxy_PiiInPromptMaskedAudit_StoredPromptMaskedWithSpansIntact(string policy)
    {
        var store = new FakeAuditStore();
        await using var f = await StartAsync(policy, store);

        var (response, _) = await PostAsync(f, Request());
        var record = Assert.Single(await store.WaitForAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AuditTextMode.Masked, record.TextMode);
        var stored = record.Texts.Single(t => t.Target == PromptPath).Text;
        Assert.Equal(Prompt.Length, stored.Length);
        var spans = record.Verdict.Findings.Where(x => x.Target == PromptPath).Select(x => x.Span!.Value).OrderBy(x => x.Start).ToList();
        Assert.Equal(3, spans.Count);
        foreach (var span in spans) Assert.Equal(new string(AuditRedaction.MaskChar, span.Length), stored[span.Start..span.End]);
        Assert.Equal($"Pay with {new string(AuditRedaction.MaskChar, Card.Length)}, call the API with ", stored[..(spans[1].Start)]);
        var verdict = VerdictJson.Serialize(record.Verdict);
        foreach (var value in new[] { Card, Key, Email })
        {
            Assert.DoesNotContain(value, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(value, verdict, StringComparison.Ordinal);
        }
        Assert.Equal("You are a billing assistant.", record.Texts.Single(t => t.Target == "request.messages[0]").Text);
    }
}
