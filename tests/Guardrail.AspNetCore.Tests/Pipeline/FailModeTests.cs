using System.Net;
using System.Text;
using Guardrail.Detection;
using Guardrail.Testing;
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
