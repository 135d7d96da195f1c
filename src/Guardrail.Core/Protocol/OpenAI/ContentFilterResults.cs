using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Builds a choice's Azure OpenAI-style <c>content_filter_results</c> object from that choice's own scores and findings.</summary>
internal static class ContentFilterResults
{
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
            var own = findings.Where(f => f.Category == category).ToList();
            var score = Math.Max(own.Count > 0 ? own.Max(f => f.Score) : 0, scores.GetValueOrDefault(category));
            if (results[category] is not JsonObject entry) results[category] = entry = new JsonObject();
            // A category both filters judged (Azure's hate next to the guard's) is filtered when either filtered it.
            entry["filtered"] = filteredCategories.Contains(category) || JsonBody.IsTrue(entry["filtered"]);
            entry["detected"] = own.Count > 0 || JsonBody.IsTrue(entry["detected"]);
            entry["score"] = Math.Round(score, 4, MidpointRounding.AwayFromZero);
        }
        return results;
    }
}
