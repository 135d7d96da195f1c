using Guardrail.Verdicts;

namespace Guardrail.Rules;

/// <summary>What the rules found on one text.</summary>
/// <param name="Findings">Findings, one per match.</param>
/// <param name="Scores">Highest score per category (matched rules) and per detector (all signals).</param>
/// <param name="Timings">Milliseconds per detector.</param>
/// <param name="Errors">Detectors that failed on this text.</param>
/// <param name="Unchecked">What detectors could not judge, as <c>detector: reason</c> (e.g. an unsupported language).</param>
/// <param name="Models">Model versions of the classifiers that ran.</param>
public sealed record TextEvaluation(
    IReadOnlyList<Finding> Findings,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyDictionary<string, double> Timings,
    IReadOnlyDictionary<string, Exception> Errors,
    IReadOnlyList<string>? Unchecked = null,
    IReadOnlyDictionary<string, string>? Models = null);
