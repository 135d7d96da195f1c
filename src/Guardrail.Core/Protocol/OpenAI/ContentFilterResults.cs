using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Builds a choice's Azure OpenAI-style <c>content_filter_results</c> object from the verdict.</summary>
internal static class ContentFilterResults
{
    /// <summary>One entry per category in the verdict's scores or the choice's findings.</summary>
    /// <param name="verdict">The whole exchange's verdict.</param>
    /// <param name="findings">The findings whose target is this choice.</param>
    /// <param name="filteredCategories">Categories whose findings blocked or redacted this choice.</param>
    public static JsonObject Build(Verdict verdict, IReadOnlyList<Finding> findings, IReadOnlySet<string> filteredCategories)
    {
        var categories = verdict.Scores.Keys.Concat(findings.Select(f => f.Category)).Distinct(StringComparer.Ordinal);
        var results = new JsonObject();
        foreach (var category in categories)
        {
            var own = findings.Where(f => f.Category == category).ToList();
            // The choice's own findings say most about it; the verdict-wide score stands in when it has none.
            var score = own.Count > 0 ? own.Max(f => f.Score) : verdict.Scores.GetValueOrDefault(category);
            results[category] = new JsonObject
            {
                ["filtered"] = filteredCategories.Contains(category),
                ["detected"] = own.Count > 0,
                ["score"] = Math.Round(score, 4, MidpointRounding.AwayFromZero),
            };
        }
        return results;
    }
}
