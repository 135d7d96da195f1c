using Guardrail.Detection;
using Guardrail.Verdicts;

namespace Guardrail.Rules;

/// <summary>What the rules found on one text.</summary>
/// <param name="Findings">Findings, one per match.</param>
/// <param name="Scores">
/// Highest score per category (matched rules) and per detector or classifier category (all signals); a category
/// with a share is absent here and scored from <paramref name="Shares"/> instead.
/// </param>
/// <param name="Timings">Milliseconds per detector.</param>
/// <param name="Errors">Detectors that failed on this text.</param>
/// <param name="Unchecked">What detectors could not judge: the detector's name as code, its reason as detail (e.g. an unsupported language).</param>
/// <param name="Models">Model versions of the classifiers that ran.</param>
/// <param name="Shares">Tallies behind share-scored categories (e.g. <c>grounding</c>: supported claims of checkable claims).</param>
/// <param name="Notes">Remarks for the verdict, as <c>detector: remark</c> (e.g. an ignored empty source).</param>
public sealed record TextEvaluation(
    IReadOnlyList<Finding> Findings,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyDictionary<string, double> Timings,
    IReadOnlyDictionary<string, Exception> Errors,
    IReadOnlyList<UncheckedReason>? Unchecked = null,
    IReadOnlyDictionary<string, string>? Models = null,
    IReadOnlyDictionary<string, ScoreShare>? Shares = null,
    IReadOnlyList<string>? Notes = null);
