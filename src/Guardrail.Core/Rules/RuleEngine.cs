using Guardrail.Detection;
using Guardrail.Policies;
using Guardrail.Verdicts;

namespace Guardrail.Rules;

/// <summary>Applies a policy's enabled rules to texts and turns condition matches into findings. Thread-safe.</summary>
public sealed class RuleEngine
{
    private readonly DetectorRegistry _detectors;
    private readonly (Rule Rule, Decision Action, double? Above)[] _rules;

    /// <summary>Selects the rules <paramref name="policy"/> enables and applies its overrides.</summary>
    public RuleEngine(RuleSet rules, Policy policy, DetectorRegistry detectors)
    {
        _detectors = detectors;
        Policy = policy;
        RuleSet = rules;
        _rules = rules.Rules
            .Where(r => PolicyRules.Enables(policy, r.Id))
            .Select(r => PolicyRules.OverrideFor(policy, r.Id) is { } o
                ? (r, o.Action ?? r.Action, o.Above)
                : (r, r.Action, (double?)null))
            .ToArray();
        Thresholds = _rules.SelectMany(r => RuleThreshold.Of(r.Rule, r.Above)).ToArray();
        // A policy that overrides a revise rule's action takes its plain action instead.
        _revising = _rules.Where(r => r.Rule.Revise && PolicyRules.OverrideFor(policy, r.Rule.Id)?.Action is null).Select(r => r.Rule.Id).ToHashSet(StringComparer.Ordinal);
    }

    private readonly HashSet<string> _revising;

    /// <summary>True when the policy runs a rule whose action is <c>revise</c>.</summary>
    public bool HasRevisingRules => _revising.Count > 0;

    /// <summary>True when one of <paramref name="findings"/> withholds the answer by a <c>revise</c> rule: the answer is worth a revision.</summary>
    public bool AsksForRevision(IEnumerable<Finding> findings) =>
        _revising.Count > 0 && findings.Any(f => f.Action == Decision.Block && _revising.Contains(f.Rule));

    /// <summary>The thresholds the active rules apply to the verdict's scores (for the judge's uncertainty band).</summary>
    public IReadOnlyList<RuleThreshold> Thresholds { get; }

    /// <summary>The policy in force.</summary>
    public Policy Policy { get; }

    /// <summary>The rule set in force.</summary>
    public RuleSet RuleSet { get; }

    /// <summary>The rules that run, with their effective actions.</summary>
    public IEnumerable<(Rule Rule, Decision Action)> ActiveRules => _rules.Select(r => (r.Rule, r.Action));

    /// <summary><c>name@hash</c>, as written in verdicts.</summary>
    public string PolicyVersion => $"{Policy.Name}@{RuleSet.Hash}";

    /// <summary>Evaluates every applicable rule on <paramref name="target"/>.</summary>
    public TextEvaluation Evaluate(TextTarget target)
    {
        var context = new RuleContext(target, _detectors);
        var matched = new List<(Rule Rule, Decision Action, ConditionMatch Match)>();
        var scores = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (rule, action, above) in _rules)
        {
            if (!rule.Applies(target.Direction)) continue;
            context.ThresholdOverride = above;
            var result = rule.When.Evaluate(context);
            if (!result.Matched) continue;
            foreach (var m in result.Matches)
            {
                matched.Add((rule, action, m));
                scores[rule.Category] = Math.Max(scores.GetValueOrDefault(rule.Category), m.Score);
            }
        }
        // What one finding withholds, the others must not show: a blocked text is withheld whole, a redacted span where
        // it lies. A flag or allow finding on the same words (the insult beside the threat that blocks) hides them too.
        var blocked = matched.Any(x => x.Action == Decision.Block);
        var redacted = matched.Where(x => x.Action == Decision.Redact && x.Match.Span is not null).Select(x => x.Match.Span!.Value).ToList();
        var findings = matched.Select(x => ToFinding(x.Rule, x.Action, target, x.Match,
            blocked || (x.Match.Span is { } s && redacted.Any(r => r.Start < s.End && s.Start < r.End)))).ToList();
        List<UncheckedReason>? uncheckedReasons = null;
        List<string>? notes = null;
        Dictionary<string, string>? models = null;
        Dictionary<string, ScoreShare>? shares = null;
        foreach (var (name, signals) in context.ComputedSignals)
        {
            var classifier = _detectors.TryGet(name, out var d) ? d as IClassifier : null;
            // Only a classifier that said something scored the text; one that returned nothing did not.
            if (classifier is not null && signals.Count > 0) foreach (var (k, v) in classifier.Models) (models ??= [])[k] = v;
            foreach (var signal in signals)
            {
                if (signal.IsUnchecked)
                {
                    (uncheckedReasons ??= []).Add(new UncheckedReason(name, signal.Explanation));
                    continue;
                }
                if (signal.IsNote)
                {
                    (notes ??= []).Add($"{name}: {signal.Explanation}");
                    continue;
                }
                if (signal.Share is { } share)
                {
                    shares ??= new(StringComparer.OrdinalIgnoreCase);
                    shares[signal.Kind] = shares.GetValueOrDefault(signal.Kind) + share;
                    continue;
                }
                // Classifiers score per category (toxicity, hate); their other kinds (e.g. grounding's
                // unsupported-claim) are findings' business, not scores. Other detectors score under their own name.
                if (classifier is not null && !classifier.Categories.Contains(signal.Kind)) continue;
                var key = classifier is not null ? signal.Kind : name;
                scores[key] = Math.Max(scores.GetValueOrDefault(key), signal.Score);
            }
        }
        // A share-scored category is the share, not the highest finding score under it.
        foreach (var category in shares?.Keys ?? Enumerable.Empty<string>()) scores.Remove(category);
        return new TextEvaluation(findings, scores, context.Timings, context.Errors, uncheckedReasons, models, shares, notes);
    }

    /// <summary>True when <paramref name="rule"/> matches <paramref name="target"/> (used by embedded rule tests).</summary>
    public bool Matches(Rule rule, TextTarget target) => rule.When.Evaluate(new RuleContext(target, _detectors)).Matched;

    private static Finding ToFinding(Rule rule, Decision action, TextTarget target, ConditionMatch m, bool withheld)
    {
        string? text = null;
        if (m.Span is { } s && s.Start >= 0 && s.End <= target.Text.Length && s.Length > 0)
        {
            // The verdict travels with the response and into the audit store: it must not carry the text the action
            // withholds, nor personal data or a secret that a flag lets through.
            text = action switch
            {
                Decision.Block => null,
                Decision.Redact => rule.Mask ?? "[REDACTED]",
                _ when rule.IsPersonalData => rule.Mask ?? "[REDACTED]",
                _ when withheld => null,
                _ => target.Text[s.Start..s.End],
            };
        }
        var hidesText = action is Decision.Block or Decision.Redact || rule.IsPersonalData || withheld;
        var explanation = hidesText ? m.WithheldExplanation ?? m.Explanation : m.Explanation;
        var full = m.Explanation;
        if (m.IsClassifierScore)
        {
            var statement = ThresholdStatement.For(m.Score, m.Threshold, action);
            explanation = $"{statement}. {explanation}".TrimEnd();
            full = $"{statement}. {full}".TrimEnd();
        }
        var evidence = hidesText ? WithoutTextDerived(m.Evidence) : m.Evidence;
        // What the client may not see, reviewers may: the audit trail keeps it; personal data never leaves the span.
        var review = hidesText && !rule.IsPersonalData;
        return new Finding
        {
            Rule = rule.Id,
            Category = rule.Category,
            Target = target.Path,
            Score = m.Score,
            Threshold = m.Threshold,
            Action = action,
            Span = m.Span,
            Text = text,
            Explanation = explanation,
            Evidence = evidence,
            Mask = rule.Mask,
            ReviewExplanation = review && full != explanation ? full : null,
            ReviewEvidence = review && !ReferenceEquals(evidence, m.Evidence) ? m.Evidence : null,
        };
    }

    // The evidence object belongs to the detector's signal, which other rules may also read: copy before trimming.
    private static System.Text.Json.Nodes.JsonObject? WithoutTextDerived(System.Text.Json.Nodes.JsonObject? evidence)
    {
        if (evidence is null || !Signal.TextDerivedEvidenceKeys.Any(evidence.ContainsKey)) return evidence;
        var copy = (System.Text.Json.Nodes.JsonObject)evidence.DeepClone();
        foreach (var key in Signal.TextDerivedEvidenceKeys) copy.Remove(key);
        return copy;
    }
}
