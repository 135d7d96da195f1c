using System.Net;
using System.Text;
using Guardrail.Detection;
using Guardrail.Testing;
using Guardrail.Verdicts;
using Microsoft.Extensions.DependencyInjection;

namespace Guardrail.AspNetCore.Tests.Pipeline;

/// <summary>A check that throws is contained, counted, and handled by the policy's fail mode.</summary>
public sealed class FailModeTests
{
    private sealed class ThrowingDetector : IDetector
    {
        public string Name => "boom";

        public IReadOnlyList<Signal> Detect(TextTarget target) => throw new InvalidOperationException("detector failed");
    }

    private static readonly Dictionary<string, string> BoomRule = new()
    {
        ["test/boom.yaml"] = """
            id: test.boom
            description: Uses a detector that always throws.
            direction: both
            when: { detector: boom }
            action: flag
            tests:
              - { text: "a", expect: match }
              - { text: "b", expect: no-match }
            """,
    };

    [Fact]
    public async Task Guard_ThrowingCheckFailOpen_UncheckedCountedAndForwarded()
    {
        await using var f = await ProxyFixture.StartAsync(extraRules: BoomRule, services: s => s.AddGuardrailDetector<ThrowingDetector>());
        f.Upstream.Answer = "Mail jane@example.com please.";
        var (response, body) = await f.PostChatJsonAsync(Completions.Request("hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Other checks still ran: the email is masked; the failed check is reported, not hidden.
        Assert.Equal("Mail [EMAIL] please.", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Contains("check-error:boom", body["guardrail"]!["uncheckedReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("guardrail_unchecked_total{reason=\"check-error:boom\"} 1", await MetricsText.OfAsync(f.Proxy.Registry));
    }

    [Fact]
    public async Task Guard_ThrowingCheckFailClosed_PromptBlocked()
    {
        await using var f = await ProxyFixture.StartAsync(failMode: "closed", extraRules: BoomRule, services: s => s.AddGuardrailDetector<ThrowingDetector>());
        var response = await f.PostChatAsync(Completions.Request("hello"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("guardrail.check-error", await response.Content.ReadAsStringAsync());
        Assert.Empty(f.Upstream.RequestBodies);
    }

    // Judges texts up to a marker and reports the rest unchecked, as the toxicity check does past its work budget.
    private sealed class PartialDetector : IDetector
    {
        public const string Marker = "OVERBUDGET";

        public string Name => "partial";

        public IReadOnlyList<Signal> Detect(TextTarget target)
        {
            if (target.Text == "match me") return [new Signal("partial", 1, null, "A test match.")];
            var at = target.Text.IndexOf(Marker, StringComparison.Ordinal);
            return at < 0 ? [] : [Signal.Unchecked($"work budget reached; {target.Text.Length - at} characters from offset {at} not scored", new TextSpan(at, target.Text.Length))];
        }
    }

    private static readonly Dictionary<string, string> PartialRule = new()
    {
        ["test/partial.yaml"] = """
            id: test.partial
            description: Uses a detector that cannot judge text past a marker.
            direction: both
            when: { detector: partial }
            action: flag
            tests:
              - { text: "match me", expect: match }
              - { text: "a", expect: no-match }
            """,
    };

    [Fact]
    public async Task Guard_AnswerOverWorkBudgetFailOpen_ForwardedUnchecked()
    {
        await using var f = await ProxyFixture.StartAsync(extraRules: PartialRule, services: s => s.AddGuardrailDetector<PartialDetector>());
        f.Upstream.Answer = $"Fine so far, then {PartialDetector.Marker} and more.";
        var (response, body) = await f.PostChatJsonAsync(Completions.Request("hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(f.Upstream.Answer, body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("unchecked", body["guardrail"]!["decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Guard_AnswerOverWorkBudgetFailClosed_Withheld()
    {
        await using var f = await ProxyFixture.StartAsync(failMode: "closed", extraRules: PartialRule, services: s => s.AddGuardrailDetector<PartialDetector>());
        f.Upstream.Answer = $"Fine so far, then {PartialDetector.Marker} and more.";
        var (_, body) = await f.PostChatJsonAsync(Completions.Request("hello"));

        var choice = body["choices"]![0]!;
        Assert.DoesNotContain(PartialDetector.Marker, choice["message"]!["content"]?.GetValue<string>() ?? "");
        Assert.Equal("content_filter", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal("block", body["guardrail"]!["decision"]!.GetValue<string>());
        Assert.Contains("guardrail.unchecked", body["guardrail"]!["findings"]!.AsArray().Select(x => x!["rule"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Guard_PromptOverWorkBudgetFailClosed_Refused()
    {
        await using var f = await ProxyFixture.StartAsync(failMode: "closed", extraRules: PartialRule, services: s => s.AddGuardrailDetector<PartialDetector>());
        var response = await f.PostChatAsync(Completions.Request($"hello {PartialDetector.Marker} there"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("guardrail.unchecked", await response.Content.ReadAsStringAsync());
        Assert.Empty(f.Upstream.RequestBodies);
    }

    [Fact]
    public async Task Guard_StreamedSentenceOverWorkBudgetFailClosed_NeverReleasedAndCut()
    {
        await using var f = await ProxyFixture.StartAsync(failMode: "closed", extraRules: PartialRule, services: s => s.AddGuardrailDetector<PartialDetector>());
        f.Upstream.Answer = $"First sentence is fine. Then {PartialDetector.Marker} arrives. Last words here.";
        var response = await f.PostChatAsync(Completions.Request("story", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        var text = SseReader.Text(events);
        Assert.StartsWith("First sentence is fine. ", text);
        Assert.DoesNotContain(PartialDetector.Marker, text);
        Assert.DoesNotContain("Last words", text);
        Assert.Equal("block", System.Text.Json.Nodes.JsonNode.Parse(events[^2])!["guardrail"]!["decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Guard_InvalidUtf8Body_ForwardedUnchangedAndUnchecked()
    {
        await using var f = await ProxyFixture.StartAsync();
        byte[] invalid = [.. Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"hi """), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}]}")];
        byte[]? received = null;
        f.Upstream.Handler = async ctx =>
        {
            using var ms = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(ms);
            received = ms.ToArray();
            ctx.Response.StatusCode = 400;
        };
        var response = await f.Client.PostAsync("/v1/chat/completions", new ByteArrayContent(invalid) { Headers = { ContentType = new("application/json") } });

        Assert.Equal(invalid, received);
        Assert.Equal("unchecked", response.Headers.GetValues("x-guardrail-decision").Single());
    }
}
