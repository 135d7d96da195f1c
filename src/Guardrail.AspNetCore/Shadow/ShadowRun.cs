using Guardrail.Detection;
using Guardrail.Grounding;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Shadow;

/// <summary>
/// Runs a shadow model over one finished exchange: the policy's rules that read a detector the shadow replaces, on the
/// exchange's texts, once with the shadow in place; the live decision is the live findings of the same rules.
/// </summary>
internal static class ShadowRun
{
    /// <summary>The live and shadow decisions and the shadow's findings.</summary>
    public static (Decision Live, Decision Shadow, IReadOnlyList<Finding> Findings) Compare(
        RuleEngine live, DetectorRegistry detectors, ShadowDetectors shadow, Verdict liveVerdict, IReadOnlyList<Guardrail.Audit.AuditedText> texts, IReadOnlyList<Source> sources)
    {
        var names = shadow.Detectors.Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rules = live.RuleSet.Rules.Where(r => r.When.Detectors.Any(names.Contains)).ToArray();
        var ids = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var engine = new RuleEngine(new RuleSet(rules, live.RuleSet.Hash), live.Policy, detectors.With(shadow.Detectors));
        var sourceSet = sources.Count > 0 ? new SourceSet(sources) { Options = live.Policy.Grounding } : null;
        var findings = new List<Finding>();
        var notChecked = false;
        foreach (var t in texts)
        {
            var response = t.Target.StartsWith("response", StringComparison.Ordinal);
            var target = new TextTarget(t.Target, response ? Direction.Response : Direction.Request, response ? "assistant" : null, t.Text) { Sources = response ? sourceSet : null };
            var evaluation = engine.Evaluate(target);
            findings.AddRange(evaluation.Findings);
            notChecked |= evaluation.Unchecked is { Count: > 0 } || evaluation.Errors.Count > 0;
        }
        var shadowDecision = findings.Aggregate(notChecked ? Decision.Unchecked : Decision.Allow, (d, f) => d.Max(f.Action));
        var liveDecision = liveVerdict.Findings.Where(f => ids.Contains(f.Rule)).Aggregate(Decision.Allow, (d, f) => d.Max(f.Action));
        return (liveDecision, shadowDecision, findings);
    }
}
