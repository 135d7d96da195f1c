using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Builds a choice's Azure OpenAI-style <c>content_filter_results</c> object from that choice's own scores and findings.</summary>
/// <remarks>
/// Categories Azure also has keep Azure's name, so the Azure SDK's typed accessors read the guard's result: <c>hate</c>
/// and <c>profanity</c> as they are, <c>threat</c> as <c>violence</c> (Azure's violence covers threats of violence).
/// <c>insult</c> (Azure has none), the <c>toxicity</c> umbrella, <c>pii</c>, <c>injection</c> and <c>grounding</c> keep the
/// guard's names beside Azure's. An entry the guard creates under one of Azure's severity categories also carries
/// <c>severity</c> (<c>safe</c>, <c>medium</c> when detected, <c>high</c> when filtered), as the SDK expects there.
/// </remarks>
internal static class ContentFilterResults
{
    /// <summary>Azure content-filter category of a guard category (<c>threat</c> → <c>violence</c>; others unchanged).</summary>
    public static string AzureName(string category) => category switch
    {
        "threat" => "violence",
        _ => category,
    };

    // Azure's categories whose entries carry a severity (its profanity, jailbreak and protected-material entries do not).
    private static readonly HashSet<string> SeverityCategories = new(StringComparer.Ordinal) { "hate", "violence", "sexual", "self_harm" };

    /// <summary>One entry per category the choice's texts were scored on or found in.</summary>
    /// <param name="scores">Highest score per category over the choice's own targets.</param>
    /// <param name="findings">The findings whose target is one of this choice's.</param>
    /// <param name="filteredCategories">Categories whose findings blocked or redacted this choice.</param>
    /// <param name="upstream">The choice's own results from Azure OpenAI, kept: its categories (severity, blocklists) stay readable for the Azure SDK.</param>
    public static JsonObject Build(IReadOnlyDictionary<string, double> scores, IReadOnlyList<Finding> findings, IReadOnlySet<string> filteredCategories, JsonObject? upstream = null)
    {
        var categories = scores.Keys.Concat(findings.Select(f => f.Category)).Distinct(StringComparer.Ordinal);
        var results = upstream?.DeepClone() as JsonObject ?? new JsonObject();
        foreach (var category in categories)
        {
            // A finding recorded with action allow (profanity, the umbrella under the default policy) is not a detection.
            var own = findings.Where(f => f.Category == category).ToList();
            var detected = own.Any(f => f.Action != Decision.Allow);
            var score = Math.Max(own.Count > 0 ? own.Max(f => f.Score) : 0, scores.GetValueOrDefault(category));
            var name = AzureName(category);
            var created = results[name] is not JsonObject;
            if (results[name] is not JsonObject entry) results[name] = entry = new JsonObject();
            // A category both filters judged (Azure's hate next to the guard's) is filtered when either filtered it.
            var filtered = filteredCategories.Contains(category) || JsonBody.IsTrue(entry["filtered"]);
            entry["filtered"] = filtered;
            entry["detected"] = detected || JsonBody.IsTrue(entry["detected"]);
            entry["score"] = Math.Round(Math.Max(score, entry["score"] is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0), 4, MidpointRounding.AwayFromZero);
            if (created && SeverityCategories.Contains(name)) entry["severity"] = filtered ? "high" : detected ? "medium" : "safe";
        }
        return results;
    }
}
