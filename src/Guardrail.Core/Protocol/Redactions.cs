using Guardrail.Protocol.OpenAI;
using Guardrail.Verdicts;

namespace Guardrail.Protocol;

/// <summary>Applies redact findings to the targets of a parsed body, whatever the API.</summary>
public static class Redactions
{
    /// <summary>The findings that mask a span.</summary>
    public static IEnumerable<Finding> Of(IEnumerable<Finding> findings) =>
        findings.Where(f => f.Action == Decision.Redact && f.Mask is not null && f.Span is not null);

    /// <summary>Masks the redacted spans of each target in place; true when some target changed.</summary>
    public static bool Apply(TargetList targets, IEnumerable<Finding> findings)
    {
        var changed = false;
        foreach (var group in Of(findings).GroupBy(f => f.Target))
        {
            if (targets.Find(group.Key) is not { } target) continue;
            var masked = Redactor.Apply(target.Text, group.Select(f => (f.Span!.Value, f.Mask!)));
            changed |= targets.TryWrite(group.Key, masked);
        }
        return changed;
    }
}
