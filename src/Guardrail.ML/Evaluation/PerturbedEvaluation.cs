using System.Globalization;
using System.Text;
using Guardrail.Grounding;
using Guardrail.ML.Data;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Evaluation;

/// <summary>What the checker reported for one perturbed case.</summary>
/// <param name="Case">The case.</param>
/// <param name="Predicted">The outcome read off the checker's result (<see cref="GroundingSuiteEvaluation.Predict"/>).</param>
/// <param name="Named">For a contradicted case: a finding's explanation or evidence quotes both terms.</param>
/// <param name="Checked">The checker found a checkable claim in the answer (the claim filter skipped none of it).</param>
public sealed record PerturbedResult(PerturbedCase Case, string Predicted, bool Named, bool Checked)
{
    /// <summary>The checker reported what the case expects (a contradiction as a contradiction).</summary>
    public bool Correct => Predicted == Case.Case.Expect;

    /// <summary>A contradicted case drew any finding, or a supported one none.</summary>
    public bool Caught => Case.Case.Expect == "contradicted" ? Predicted != "supported" : Predicted == "supported";
}

/// <summary>The perturbed cases of the shared dev and test parts through the proxy's checker (<c>eval grounding</c>, after the suite).</summary>
public static class PerturbedEvaluation
{
    /// <summary>Builds the cases of each part under <paramref name="dataDir"/>, checks them and prints one table per part.</summary>
    public static void Run(string dataDir, SupportModel model, TextWriter output)
    {
        var pairs = GroundingData.Load(dataDir);
        output.WriteLine("perturbed cases (issue 11), built deterministically from the supported pairs of the dev and test parts of the shared sets (HaluEval QA, BEGIN, WiCE; English only, the shared sets have no Chinese), evaluation only:");
        output.WriteLine("per pair at most one case per kind, the claim citing [1] against the pair's source; number-, date- and name-swap put another number, year or name the source states in place of one it states (else a changed value); negation-insert/-remove flip the claim's one auxiliary or negation; synonym restates 1–3 words; original is the claim unchanged");
        output.WriteLine("accuracy: the expected outcome (a contradiction reported as grounding.contradicted-claim); where original passes: over the pairs whose unchanged claim the checker checks and reports supported (their count in brackets); caught: any finding for a contradiction, none for a supported case; named: a finding quotes both terms; unchecked: answers the claim filter skips whole");
        output.WriteLine();
        foreach (var (split, part) in new[] { (Split.Test, "test 15%"), (Split.Dev, "dev 15%") })
        {
            output.Write(Format(part, Evaluate(PerturbedCases.Build(pairs.Where(p => p.Split == split)), model)));
            output.WriteLine();
        }
    }

    /// <summary>Runs every case through <see cref="GroundingChecker"/> as the functional suite does (shipped model, default source options).</summary>
    public static IReadOnlyList<PerturbedResult> Evaluate(IReadOnlyList<PerturbedCase> cases, SupportModel model)
    {
        var scorer = new CalibratedSupportScorer(model);
        var results = new List<PerturbedResult>(cases.Count);
        foreach (var pc in cases)
        {
            var result = GroundingSuiteEvaluation.Check(pc.Case, scorer);
            results.Add(new PerturbedResult(pc, GroundingSuiteEvaluation.Predict(result), GroundingSuiteEvaluation.Names(result, pc.Case), result.Claims.Any(r => r.Counted)));
        }
        return results;
    }

    /// <summary>The table of one part (Markdown): a row per kind, even one with no cases, then the contradicted kinds together.</summary>
    public static string Format(string part, IReadOnlyList<PerturbedResult> results)
    {
        // A perturbation of a pair the checker already flags unchanged says little about the perturbation, and one whose
        // original the claim filter skips (HaluEval's one-word answers) was never checked at all.
        var passes = results.Where(r => r.Case.Case.Kind == "original" && r.Correct && r.Checked).Select(r => r.Case.PairKey).ToHashSet(StringComparer.Ordinal);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"perturbed cases, {part} ({results.Select(r => r.Case.PairKey).Distinct().Count()} pairs, {passes.Count} whose original passes):");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| kind | expected | n | accuracy | accuracy where original passes | caught | named | from {string.Join(" / ", GroundingData.Sets)} | unchecked |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var kind in PerturbedCases.Kinds)
        {
            Row(sb, kind, PerturbedCases.Expected(kind), results.Where(r => r.Case.Case.Kind == kind).ToList(), passes);
        }
        Row(sb, "all contradicted kinds", "contradicted", results.Where(r => r.Case.Case.Expect == "contradicted").ToList(), passes);
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string kind, string expected, List<PerturbedResult> rows, HashSet<string> passes)
    {
        var conditional = rows.Where(r => passes.Contains(r.Case.PairKey)).ToList();
        var from = string.Join(" / ", GroundingData.Sets.Select(s => rows.Count(r => r.Case.Set == s)));
        var named = expected == "contradicted" ? Rate(rows, r => r.Named) : "—";
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"| {kind} | {expected} | {rows.Count} | {Rate(rows, r => r.Correct)} | {Rate(conditional, r => r.Correct)} ({conditional.Count}) | {Rate(rows, r => r.Caught)} | {named} | {from} | {rows.Count(r => !r.Checked)} |");
    }

    private static string Rate(IReadOnlyCollection<PerturbedResult> rows, Func<PerturbedResult, bool> hit) =>
        rows.Count == 0 ? "—" : ((double)rows.Count(hit) / rows.Count).ToString("F3", CultureInfo.InvariantCulture);
}
