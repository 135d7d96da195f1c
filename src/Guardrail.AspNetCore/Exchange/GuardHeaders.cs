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

    /// <summary>Where a streamed response's final verdict is, since headers leave before the answer is known.</summary>
    public const string VerdictLocation = "x-guardrail-verdict";

    /// <summary>Writes the headers for <paramref name="verdict"/>.</summary>
    public static void Apply(HttpResponse response, Verdict verdict)
    {
        response.Headers[Id] = verdict.Id;
        response.Headers[Decision] = verdict.Decision.ToWire();
        response.Headers[Score] = VerdictJson.FormatScore(verdict.TopScore);
    }
}
