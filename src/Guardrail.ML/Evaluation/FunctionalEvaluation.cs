using Guardrail.Detection;
using Guardrail.ML.Detection;
using Guardrail.Policies;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.ML.Evaluation;

/// <summary>What the policy did with one case, and the category the detector's scores put first.</summary>
/// <param name="Case">The case.</param>
/// <param name="Decision">The verdict's decision for the case's text checked as an answer.</param>
/// <param name="TopCategory">The specific category scored highest at or above the flag score, else the umbrella if it reached it, else <c>none</c>.</param>
/// <param name="ScoredCategories">The classifier categories the verdict carried a score for.</param>
public sealed record FunctionalOutcome(FunctionalCase Case, Decision Decision, string TopCategory, IReadOnlyCollection<string> ScoredCategories)
{
    /// <summary>Flagged, redacted or blocked: the policy acted.</summary>
    public bool Acted => Decision >= Decision.Flag;

    /// <summary>The policy did what the case expects.</summary>
    public bool Correct => Acted == Case.ExpectAct;
}

/// <summary>
/// Scores the functional suite as the proxy judges an answer: each case goes through a check (the CLI passes
/// <c>ExchangeChecker.CheckText</c>, the path of <c>guardrail check --text</c>, over <see cref="Engine"/>: the shipped
/// toxicity rules under the default policy) and counts by the verdict's decision, so thresholds and actions come from
/// the rules, not from here.
/// </summary>
public static class FunctionalEvaluation
{
    /// <summary>The umbrella category: it says "toxic" but not which kind, so it never matches a case's category.</summary>
    public const string Umbrella = "toxicity";

    /// <summary>Rule ids the suite is scored with: the shipped toxicity rules.</summary>
    public const string RulePrefix = "toxicity.";

    /// <summary>
    /// The engine of <paramref name="policy"/> over the toxicity rules of <paramref name="rules"/> only, with their
    /// policy actions and overrides: the policy's other rules would count as the toxicity check acting (the IPv4 address
    /// in a config snippet is redacted by <c>pii.ipv4</c>). The rule set keeps its hash, so the verdict names the files.
    /// </summary>
    public static RuleEngine Engine(RuleSet rules, Policy policy, DetectorRegistry detectors) =>
        new(new RuleSet(rules.Rules.Where(r => r.Id.StartsWith(RulePrefix, StringComparison.Ordinal)).ToArray(), rules.Hash), policy, detectors);

    /// <summary>Checks every case with <paramref name="check"/>; <paramref name="categories"/> are the classifier's own (its <c>Categories</c>).</summary>
    public static IReadOnlyList<FunctionalOutcome> Score(IEnumerable<FunctionalCase> cases, Func<string, Verdict> check, IReadOnlyCollection<string> categories) =>
        cases.Select(c =>
        {
            var verdict = check(c.Text);
            // Verdict scores also hold rule categories and other detectors' names; only the classifier's categories rank.
            var scores = verdict.Scores.Where(s => categories.Contains(s.Key, StringComparer.OrdinalIgnoreCase)).ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase);
            return new FunctionalOutcome(c, verdict.Decision, TopCategory(scores), scores.Keys.ToArray());
        }).ToList();

    /// <summary>
    /// The category a detector's calibrated <paramref name="scores"/> assign: the highest specific category at or above
    /// <see cref="ToxicityDetector.FlagScore"/>; else <see cref="Umbrella"/> when it alone reaches it; else <c>none</c>.
    /// </summary>
    public static string TopCategory(IReadOnlyDictionary<string, double> scores)
    {
        var specific = scores.Where(s => !string.Equals(s.Key, Umbrella, StringComparison.OrdinalIgnoreCase) && s.Value >= ToxicityDetector.FlagScore)
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key.ToLowerInvariant()).FirstOrDefault();
        if (specific is not null) return specific;
        return scores.TryGetValue(Umbrella, out var u) && u >= ToxicityDetector.FlagScore ? Umbrella : "none";
    }

    /// <summary>One table row per language and functionality, in <see cref="FunctionalSuite.Functionalities"/> order.</summary>
    public static IReadOnlyList<FunctionalRow> Rows(IReadOnlyList<FunctionalOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Case.Language).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(language => FunctionalSuite.Functionalities
                .Select(f => Row(language.Key, f.Name, f.ExpectAct, language.Where(o => o.Case.Functionality == f.Name).ToList()))
                .Where(r => r.Count > 0))
            .ToList();

    /// <summary>The targets per language: pooled false-positive or detection rate over each target's functionalities.</summary>
    public static IReadOnlyList<FunctionalTargetRow> Targets(IReadOnlyList<FunctionalOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Case.Language).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(language => FunctionalSuite.Targets.Select(t =>
            {
                var pooled = language.Where(o => t.Functionalities.Contains(o.Case.Functionality)).ToList();
                return new FunctionalTargetRow(language.Key, t, pooled.Count, Share(pooled, o => o.Acted));
            }))
            .ToList();

    /// <summary>
    /// Per language and case category: how often the top category matched it, or null when the detector does not score
    /// the category in that language (fewer than half of its verdicts carry the score), and which top categories came out.
    /// </summary>
    /// <remarks>
    /// Half, not any: a Chinese case that holds an English code line gets the English hate score for that line, which
    /// does not make Chinese text scored for hate.
    /// </remarks>
    public static IReadOnlyList<CategoryRow> Categories(IReadOnlyList<FunctionalOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Case.Language).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(language =>
            {
                var total = language.Count();
                var scored = language.SelectMany(o => o.ScoredCategories).GroupBy(c => c, StringComparer.OrdinalIgnoreCase)
                    .Where(g => 2 * g.Count() >= total).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
                return FunctionalSuite.Categories.Select(category =>
                {
                    var cases = language.Where(o => o.Case.Category == category).ToList();
                    var measurable = category == "none" || scored.Contains(category);
                    var assigned = cases.GroupBy(o => o.TopCategory).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => (g.Key, g.Count())).ToList();
                    return new CategoryRow(language.Key, category, cases.Count, measurable ? Share(cases, o => o.TopCategory == category) : null, assigned);
                }).Where(r => r.Count > 0);
            })
            .ToList();

    /// <summary>Scores the suite, prints the tables (<see cref="FunctionalReport"/>), returns the outcomes.</summary>
    public static IReadOnlyList<FunctionalOutcome> Run(IReadOnlyList<FunctionalCase> cases, Func<string, Verdict> check, IReadOnlyCollection<string> categories, TextWriter output)
    {
        var outcomes = Score(cases, check, categories);
        output.Write(FunctionalReport.Format(Rows(outcomes), Targets(outcomes), Categories(outcomes)));
        return outcomes;
    }

    private static FunctionalRow Row(string language, string functionality, bool expectAct, List<FunctionalOutcome> cases) =>
        new(language, functionality, expectAct, cases.Count, Share(cases, o => o.Correct),
            Share(cases, o => o.Acted && o.Decision != Decision.Block), Share(cases, o => o.Decision == Decision.Block),
            cases.Count(o => o.Decision == Decision.Unchecked));

    private static double Share(IReadOnlyCollection<FunctionalOutcome> cases, Func<FunctionalOutcome, bool> predicate) =>
        cases.Count == 0 ? 0 : cases.Count(predicate) / (double)cases.Count;
}
