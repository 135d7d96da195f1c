using System.Globalization;
using System.Text;
using Guardrail.Grounding;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Evaluation;

/// <summary>What the checker reported for one suite case.</summary>
/// <param name="Case">The case.</param>
/// <param name="Predicted">The outcome read off the checker's result (<see cref="GroundingSuite.Outcomes"/>).</param>
/// <param name="Named">For a contradicted case: a finding's explanation or evidence quotes both conflicting terms.</param>
public sealed record GroundingSuiteResult(GroundingCase Case, string Predicted, bool Named)
{
    /// <summary>The checker did what the case expects (a contradiction must be reported as one).</summary>
    public bool Correct => Predicted == Case.Expect;

    /// <summary>
    /// The checker acted where it should (any finding for a contradicted or unsupported case, the right one otherwise), even
    /// when it called a contradiction merely unsupported: what a user is protected by today.
    /// </summary>
    public bool Caught => Case.Expect is "contradicted" or "unsupported" ? Predicted is "contradicted" or "unsupported" : Correct;
}

/// <summary>The grounding functional suite through the proxy's checker (<c>eval grounding</c>, after the data tables).</summary>
public static class GroundingSuiteEvaluation
{
    /// <summary>The finding kind a contradiction should carry (issue 11); until the checker has it, no case is reported as contradicted.</summary>
    public const string ContradictedKind = "contradicted-claim";

    /// <summary>Runs every case through <see cref="GroundingChecker"/> with the shipped support model and default source options.</summary>
    public static IReadOnlyList<GroundingSuiteResult> Run(IReadOnlyList<GroundingCase> cases, SupportModel model)
    {
        var scorer = new CalibratedSupportScorer(model);
        var results = new List<GroundingSuiteResult>(cases.Count);
        foreach (var c in cases)
        {
            var result = Check(c, scorer);
            results.Add(new GroundingSuiteResult(c, Predict(result), Names(result, c)));
        }
        return results;
    }

    /// <summary>One case's answer through <see cref="GroundingChecker"/> against its sources, default source options.</summary>
    internal static GroundingResult Check(GroundingCase c, ISupportScorer scorer)
    {
        var set = new SourceSet([.. c.Sources.Select((s, i) => new Source(s.Id, null, null, s.Text, $"case.sources[{i}]"))]);
        return GroundingChecker.Check(c.Answer, set, scorer);
    }

    /// <summary>The outcome a result shows, the most specific finding first.</summary>
    public static string Predict(GroundingResult result)
    {
        var kinds = result.Issues.Select(i => i.Kind).ToHashSet(StringComparer.Ordinal);
        if (kinds.Contains(GroundingKinds.FabricatedCitation)) return "fabricated";
        if (kinds.Contains(ContradictedKind)) return "contradicted";
        if (kinds.Contains(GroundingKinds.MisattributedCitation)) return "misattributed";
        if (kinds.Contains(GroundingKinds.UnsupportedClaim) || kinds.Contains(GroundingKinds.QuoteNotFound)) return "unsupported";
        return result.Claims.Any(c => c.Outcome == ClaimOutcome.UncitedUnsupported) ? "unsupported" : "supported";
    }

    internal static bool Names(GroundingResult result, GroundingCase c)
    {
        if (c.AnswerSays is null || c.SourceSays is null) return false;
        return result.Issues.Any(i =>
        {
            var text = i.Explanation + " " + i.Evidence.ToJsonString(WireJsonOptions);
            return text.Contains(c.AnswerSays, StringComparison.Ordinal) && text.Contains(c.SourceSays, StringComparison.Ordinal);
        });
    }

    // Evidence as written for people (Chinese and quotes unescaped), so the terms can be looked for as the suite writes them.
    private static readonly System.Text.Json.JsonSerializerOptions WireJsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The suite's tables (Markdown): per language and kind, then the targets of issue 11.</summary>
    public static string Format(IReadOnlyList<GroundingSuiteResult> results)
    {
        var sb = new StringBuilder();
        foreach (var language in results.Select(r => r.Case.Language).Distinct().OrderBy(l => l, StringComparer.Ordinal))
        {
            var mine = results.Where(r => r.Case.Language == language).ToList();
            sb.AppendLine(CultureInfo.InvariantCulture, $"grounding functional suite, {language}:");
            sb.AppendLine("| kind | n | expected | accuracy | caught | contradictions named | reported as |");
            sb.AppendLine("|---|---:|---|---:|---:|---:|---|");
            foreach (var kind in GroundingSuite.Kinds)
            {
                var rows = mine.Where(r => r.Case.Kind == kind).ToList();
                if (rows.Count == 0) continue;
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {rows.Count} | {Mix(rows.Select(r => r.Case.Expect))} | {Rate(rows, r => r.Correct):F3} | {Rate(rows, r => r.Caught):F3} | {NamedRate(rows)} | {Mix(rows.Select(r => r.Predicted))} |");
            }
            sb.AppendLine(CultureInfo.InvariantCulture, $"| all | {mine.Count} | | {Rate(mine, r => r.Correct):F3} | {Rate(mine, r => r.Caught):F3} | {NamedRate(mine)} | |");
            var supported = mine.Where(r => r.Case.Expect == "supported" && r.Case.Answer.Contains('[')).ToList();
            var flagged = supported.Count(r => r.Predicted != "supported");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"supported cited sentences with a finding ({language}): {flagged} of {supported.Count} = {(supported.Count == 0 ? 0 : (double)flagged / supported.Count):F3} (target ≤ 0.10); kinds at ≥ 0.90 accuracy: {GroundingSuite.Kinds.Count(k => mine.Where(r => r.Case.Kind == k).ToList() is { Count: > 0 } rows && Rate(rows, r => r.Correct) >= 0.9)} of {mine.Select(r => r.Case.Kind).Distinct().Count()} (target: all)");
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static double Rate(IReadOnlyCollection<GroundingSuiteResult> rows, Func<GroundingSuiteResult, bool> hit) => rows.Count == 0 ? 0 : (double)rows.Count(hit) / rows.Count;

    private static string NamedRate(IReadOnlyCollection<GroundingSuiteResult> rows)
    {
        var contradicted = rows.Where(r => r.Case.Expect == "contradicted").ToList();
        return contradicted.Count == 0 ? "—" : Rate(contradicted, r => r.Named).ToString("F3", CultureInfo.InvariantCulture);
    }

    private static string Mix(IEnumerable<string> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => o).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
}
