using Guardrail.Verdicts;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Exchange;

/// <summary>The <c>x-guardrail-*</c> response headers (DESIGN.md §4).</summary>
public static class GuardHeaders
{
    /// <summary>Verdict id header.</summary>
    public const string Id = "x-guardrail-id";

    /// <summary>Decision header.</summary>
    public const string Decision = "x-guardrail-decision";

    /// <summary>Top score header.</summary>
    public const string Score = "x-guardrail-score";

    /// <summary>The unchecked reasons of an <c>unchecked</c> verdict, comma-separated codes (<c>passthrough</c>, <c>response-too-large</c>).</summary>
    public const string Unchecked = "x-guardrail-unchecked";

    /// <summary>Where a streamed response's final verdict is, since headers leave before the answer is known.</summary>
    public const string VerdictLocation = "x-guardrail-verdict";

    /// <summary>Drops every <c>x-guardrail-*</c> header an upstream sent: only the guard speaks for the guard.</summary>
    public static void RemoveForeign(HttpResponse response)
    {
        List<string>? foreign = null;
        foreach (var (name, _) in response.Headers)
        {
            if (name.StartsWith("x-guardrail-", StringComparison.OrdinalIgnoreCase)) (foreign ??= []).Add(name);
        }
        foreach (var name in foreign ?? []) response.Headers.Remove(name);
    }

    /// <summary>Writes the headers for <paramref name="verdict"/>.</summary>
    public static void Apply(HttpResponse response, Verdict verdict)
    {
        response.Headers[Id] = verdict.Id;
        response.Headers[Decision] = verdict.Decision.ToWire();
        response.Headers[Score] = VerdictJson.FormatScore(verdict.TopScore);
        if (verdict.Decision == Guardrail.Verdicts.Decision.Unchecked && verdict.Unchecked.Count > 0)
        {
            response.Headers[Unchecked] = string.Join(",", verdict.Unchecked.Select(r => r.Code).Distinct());
        }
    }
}
