using Guardrail.AspNetCore.Metrics;
using Guardrail.AspNetCore.Tests.Grounding;
using Guardrail.Testing;
using Guardrail.Verdicts;
using Prometheus;

namespace Guardrail.AspNetCore.Tests.Metrics;

public sealed class GroundingClaimsMetricTests
{
    [Fact]
    public async Task RecordVerdict_TwoUnsupportedSentencesThroughProxy_CountsEveryFinding()
    {
        await using var f = await GroundingSetup.StartAsync();
        f.Upstream.Answer = "The Eiffel Tower is in Paris. It opened in 1912. It is 400 metres tall.";
        await f.PostChatJsonAsync(GroundingSetup.Request("Tell me about it.", GroundingSetup.Extension(GroundingSetup.Source)).ToJsonString());

        var text = await MetricsText.OfAsync(f.Proxy.Registry);
        // Two from the fake detector's rule, and two from the shipped check: uncited sentences are checked against their
        // best passage, and "1912" and "400 metres" contradict it (grounding.contradicted-claim counts as unsupported).
        Assert.Contains("guardrail_grounding_claims_total{status=\"unsupported\"} 4", text);
        Assert.Contains("guardrail_grounding_claims_total{status=\"fabricated\"} 0", text);
    }

    [Fact]
    public async Task RecordVerdict_StreamedUnsupportedSentence_CountedOnce()
    {
        await using var f = await GroundingSetup.StartAsync("observe");
        f.Upstream.Answer = GroundingSetup.MixedAnswer;
        var request = GroundingSetup.Request("Tell me about it.", GroundingSetup.Extension(GroundingSetup.Source), stream: true);
        var response = await f.PostChatAsync(request.ToJsonString(), HttpCompletionOption.ResponseHeadersRead);
        await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();

        // The fake rule's finding and the shipped check's contradiction of "1912", each once, though the stream is checked sentence by sentence.
        Assert.Contains("guardrail_grounding_claims_total{status=\"unsupported\"} 2", await MetricsText.OfAsync(f.Proxy.Registry));
    }

    [Fact]
    public async Task RecordVerdict_NoSources_EveryStatusAtZero()
    {
        await using var f = await GroundingSetup.StartAsync();
        f.Upstream.Answer = GroundingSetup.MixedAnswer;
        await f.PostChatJsonAsync(GroundingSetup.Request("Tell me about it.", extension: null).ToJsonString());

        var text = await MetricsText.OfAsync(f.Proxy.Registry);
        foreach (var status in GroundingClaimStatus.All) Assert.Contains($"guardrail_grounding_claims_total{{status=\"{status}\"}} 0", text);
    }

    [Fact]
    public async Task RecordVerdict_EachGroundingRuleKind_CountedUnderItsStatus()
    {
        var metrics = new GuardrailMetrics(Prometheus.Metrics.NewCustomRegistry());
        var verdict = new Verdict
        {
            Id = "gr_test",
            Policy = "test@0",
            Findings =
            [
                Finding("grounding.unsupported-claim"),
                Finding("grounding.quote-not-found"),
                Finding("grounding.fabricated-citation"),
                Finding("grounding.misattribution"),
                Finding("grounding.uncited-claim"),
                Finding("grounding.uncited-claim"),
                Finding("pii.email"),
            ],
            Unchecked = [new("grounding", "unsupported language"), new("toxicity", "unsupported language")],
        };
        metrics.RecordVerdict(verdict, "r", "buffered");

        Assert.Equal(2, Claims(metrics, "unsupported"));
        Assert.Equal(1, Claims(metrics, "fabricated"));
        Assert.Equal(1, Claims(metrics, "misattributed"));
        Assert.Equal(2, Claims(metrics, "uncited"));
        Assert.Equal(1, Claims(metrics, "unchecked"));
        Assert.Equal(0, Claims(metrics, "supported"));
    }

    private static double Claims(GuardrailMetrics metrics, string status) => metrics.GroundingClaims.WithLabels(status).Value;

    private static Finding Finding(string rule) => new()
    {
        Rule = rule,
        Category = rule[..rule.IndexOf('.')],
        Target = "response.choices[0].message",
        Action = Decision.Flag,
        Explanation = "test",
    };
}
