using Guardrail.Judging;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Judging;

/// <summary>
/// Compares the judge with the fast checks, principle by principle: the fast checks acted on a principle when a
/// finding of one of its categories did more than allow; they agree when that matches the judge's <c>violated</c>.
/// Counted under the principle's first category.
/// </summary>
public static class JudgeAgreement
{
    /// <summary>Each principle the judge answered for: its first category, and whether the two agree.</summary>
    public static IEnumerable<(string Category, bool Agree)> Compare(Constitution constitution, Verdict fast, IReadOnlyList<PrincipleVerdict> verdicts)
    {
        foreach (var v in verdicts)
        {
            if (constitution.Find(v.Principle) is not { } principle) continue;
            var acted = fast.Findings.Any(f => f.Action != Decision.Allow && principle.Categories.Contains(f.Category, StringComparer.OrdinalIgnoreCase));
            yield return (principle.Categories[0], acted == v.Violated);
        }
    }
}
