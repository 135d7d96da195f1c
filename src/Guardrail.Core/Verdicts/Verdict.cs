namespace Guardrail.Verdicts;

/// <summary>The explainable outcome of one guarded exchange (DESIGN.md §3); the same shape everywhere.</summary>
public sealed record Verdict
{
    /// <summary>Unique, time-ordered id, e.g. <c>gr_01JD…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The strongest action among the findings, or unchecked when the guard could not run.</summary>
    public Decision Decision { get; init; }

    /// <summary>Policy name and rule-set hash, e.g. <c>default@3f2a9c1</c>.</summary>
    public required string Policy { get; init; }

    /// <summary>Highest score per category across all targets; share-scored categories (<c>grounding</c>) are hits over total across all targets.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();

    /// <summary>Every finding, from prompt and answer, each naming its target.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Milliseconds per check, plus <c>total_ms</c>.</summary>
    public IReadOnlyDictionary<string, double> Timings { get; init; } = new Dictionary<string, double>();

    /// <summary>Versions of the models that scored the exchange.</summary>
    public IReadOnlyDictionary<string, string> Models { get; init; } = new Dictionary<string, string>();

    /// <summary>Why parts of the exchange were not checked (e.g. <c>request-too-large</c>); empty when all ran.</summary>
    public IReadOnlyList<UncheckedReason> Unchecked { get; init; } = [];

    /// <summary><see cref="Unchecked"/> in wire form (<c>code</c> or <c>code: detail</c>).</summary>
    public IReadOnlyList<string> UncheckedReasons => Unchecked.Select(r => r.ToString()).ToList();

    /// <summary>Remarks that did not change the decision (e.g. <c>grounding: source 3 is empty; ignored</c>); empty when none.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The revision a <c>revise</c> rule asked for, or null (DESIGN.md §9).</summary>
    public Revision? Revision { get; init; }

    /// <summary>The highest finding score, or 0: the value of the <c>x-guardrail-score</c> header.</summary>
    public double TopScore => Findings.Count == 0 ? 0 : Findings.Max(f => f.Score);
}
