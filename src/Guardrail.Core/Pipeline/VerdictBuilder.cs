using Guardrail.Detection;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.Pipeline;

/// <summary>
/// Accumulates one exchange's findings, scores and timings from request and response phases and applies
/// the policy's fail mode in one place. Not thread-safe: one per exchange, used by one thread at a time.
/// </summary>
public sealed class VerdictBuilder
{
    private readonly List<Finding> _findings = [];
    private readonly Dictionary<string, double> _scores = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, double> _timings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<UncheckedReason> _unchecked = [];
    private readonly Dictionary<string, string> _models = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ScoreShare> _shares = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _notes = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, double>> _targetScores = new(StringComparer.Ordinal);

    /// <summary>Starts a verdict with a fresh id.</summary>
    public VerdictBuilder(string id, string policyVersion, FailMode failMode)
    {
        Id = id;
        PolicyVersion = policyVersion;
        FailMode = failMode;
    }

    /// <summary>The verdict id.</summary>
    public string Id { get; }

    /// <summary><c>name@hash</c> of the policy in force.</summary>
    public string PolicyVersion { get; }

    /// <summary>What a check error turns into.</summary>
    public FailMode FailMode { get; }

    /// <summary>Findings so far.</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Reasons parts of the exchange were not checked.</summary>
    public IReadOnlyList<UncheckedReason> Unchecked => _unchecked;

    /// <summary>Tallies of share-scored categories summed over every text so far (e.g. <c>grounding</c>: supported of checkable claims).</summary>
    public IReadOnlyDictionary<string, ScoreShare> Shares => _shares;

    /// <summary>Remarks that do not change the decision (e.g. an ignored empty source).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Highest score per category for each target path, so an answer with several choices reports each one's own.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> TargetScores => _targetScores;

    /// <summary>The revision a <c>revise</c> rule asked for (set by the response guard), carried into the verdict.</summary>
    public Revision? Revision { get; set; }

    /// <summary>Everything gathered so far, to <see cref="Restore"/> later: a revision is checked from the state before the first answer.</summary>
    public object Save() => new State([.. _findings], new(_scores, _scores.Comparer), new(_timings, _timings.Comparer), [.. _unchecked],
        new(_models, _models.Comparer), new(_shares, _shares.Comparer), [.. _notes], new(_targetScores, _targetScores.Comparer));

    /// <summary>Returns to a state from <see cref="Save"/> (timings keep growing: the time was spent either way).</summary>
    public void Restore(object saved)
    {
        var state = (State)saved;
        Reset(_findings, state.Findings);
        Reset(_scores, state.Scores);
        Reset(_unchecked, state.Unchecked);
        Reset(_models, state.Models);
        Reset(_shares, state.Shares);
        Reset(_notes, state.Notes);
        Reset(_targetScores, state.TargetScores);
    }

    private static void Reset<T>(List<T> list, List<T> from)
    {
        list.Clear();
        list.AddRange(from);
    }

    private static void Reset<TKey, TValue>(Dictionary<TKey, TValue> map, Dictionary<TKey, TValue> from)
        where TKey : notnull
    {
        map.Clear();
        foreach (var (k, v) in from) map[k] = v;
    }

    private sealed record State(
        List<Finding> Findings,
        Dictionary<string, double> Scores,
        Dictionary<string, double> Timings,
        List<UncheckedReason> Unchecked,
        Dictionary<string, string> Models,
        Dictionary<string, ScoreShare> Shares,
        List<string> Notes,
        Dictionary<string, IReadOnlyDictionary<string, double>> TargetScores);

    /// <summary>The decision the findings so far add up to.</summary>
    public Decision Decision
    {
        get
        {
            var d = _unchecked.Count > 0 ? Decision.Unchecked : Decision.Allow;
            foreach (var f in _findings) d = d.Max(f.Action);
            return d;
        }
    }

    /// <summary>Merges what the rules found on one text; detector errors go through the fail mode.</summary>
    public void Add(TextEvaluation evaluation, string targetPath)
    {
        _findings.AddRange(evaluation.Findings);
        foreach (var (k, v) in evaluation.Scores) _scores[k] = Math.Max(_scores.GetValueOrDefault(k), v);
        if (evaluation.Scores.Count > 0) MergeTargetScores(targetPath, evaluation.Scores);
        foreach (var (k, v) in evaluation.Timings) AddTiming(k, v);
        foreach (var (detector, _) in evaluation.Errors) AddCheckError(detector, targetPath);
        foreach (var reason in evaluation.Unchecked ?? []) AddUnchecked(reason);
        foreach (var (name, version) in evaluation.Models ?? new Dictionary<string, string>()) AddModel(name, version);
        foreach (var (category, share) in evaluation.Shares ?? new Dictionary<string, ScoreShare>()) AddShare(category, share);
        foreach (var note in evaluation.Notes ?? []) AddNote(note);
    }

    private void MergeTargetScores(string targetPath, IReadOnlyDictionary<string, double> scores)
    {
        if (!_targetScores.TryGetValue(targetPath, out var known))
        {
            _targetScores[targetPath] = new Dictionary<string, double>(scores, StringComparer.OrdinalIgnoreCase);
            return;
        }
        var merged = (Dictionary<string, double>)known;
        foreach (var (k, v) in scores) merged[k] = Math.Max(merged.GetValueOrDefault(k), v);
    }

    /// <summary>
    /// Adds to a share-scored category's tally. Sums, not maxima: a streamed answer is evaluated sentence by
    /// sentence, and its score must equal that of the whole answer.
    /// </summary>
    public void AddShare(string category, ScoreShare share) => _shares[category] = _shares.GetValueOrDefault(category) + share;

    /// <summary>Records a remark once.</summary>
    public void AddNote(string note)
    {
        if (!_notes.Contains(note)) _notes.Add(note);
    }

    /// <summary>Records a check that could not run; fail-open marks the exchange unchecked, fail-closed blocks it.</summary>
    public void AddCheckError(string check, string targetPath)
    {
        if (FailMode == FailMode.Closed)
        {
            _findings.Add(GuardFindings.CheckError(check, targetPath));
        }
        AddUnchecked(UncheckedCodes.CheckErrorOf(check));
    }

    /// <summary>Records that part of the exchange was not inspected, and why (once per reason).</summary>
    public void AddUnchecked(UncheckedReason reason)
    {
        if (!_unchecked.Contains(reason)) _unchecked.Add(reason);
    }

    /// <summary>Records that part of the exchange was not inspected: a code from <c>UncheckedCodes</c> and an optional detail.</summary>
    public void AddUnchecked(string code, string? detail = null) => AddUnchecked(new UncheckedReason(code, detail));

    /// <summary>Adds one finding made outside the rules (e.g. a size limit).</summary>
    public void AddFinding(Finding finding) => _findings.Add(finding);

    /// <summary>Adds milliseconds to a check's timing.</summary>
    public void AddTiming(string check, double ms) => _timings[check + "_ms"] = _timings.GetValueOrDefault(check + "_ms") + ms;

    /// <summary>Records the version of a model that scored the exchange.</summary>
    public void AddModel(string name, string version) => _models[name] = version;

    /// <summary>The verdict as it stands, with <paramref name="totalMs"/> as the guard's own time.</summary>
    public Verdict Build(double totalMs)
    {
        var timings = new Dictionary<string, double>(_timings) { ["total_ms"] = totalMs };
        var scores = new Dictionary<string, double>(_scores, StringComparer.OrdinalIgnoreCase);
        foreach (var (category, share) in _shares)
        {
            // A share with nothing counted leaves the category absent: "no checkable claims" is neither 0 nor 1.
            if (share.Value is { } value) scores[category] = value;
            else scores.Remove(category);
        }
        return new Verdict
        {
            Id = Id,
            Decision = Decision,
            Policy = PolicyVersion,
            Scores = scores,
            Findings = _findings.ToList(),
            Timings = timings,
            Models = new Dictionary<string, string>(_models),
            Unchecked = _unchecked.ToList(),
            Notes = _notes.ToList(),
            Revision = Revision,
        };
    }
}
