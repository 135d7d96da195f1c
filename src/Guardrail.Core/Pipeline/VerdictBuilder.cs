using Guardrail.Policies;
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
    private readonly List<string> _unchecked = [];
    private readonly Dictionary<string, string> _models = new(StringComparer.OrdinalIgnoreCase);

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
    public IReadOnlyList<string> UncheckedReasons => _unchecked;

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
        foreach (var (k, v) in evaluation.Timings) AddTiming(k, v);
        foreach (var (detector, _) in evaluation.Errors) AddCheckError(detector, targetPath);
        foreach (var reason in evaluation.Unchecked ?? []) AddUnchecked(reason);
        foreach (var (name, version) in evaluation.Models ?? new Dictionary<string, string>()) AddModel(name, version);
    }

    /// <summary>Records a check that could not run; fail-open marks the exchange unchecked, fail-closed blocks it.</summary>
    public void AddCheckError(string check, string targetPath)
    {
        if (FailMode == FailMode.Closed)
        {
            _findings.Add(GuardFindings.CheckError(check, targetPath));
        }
        AddUnchecked($"check-error:{check}");
    }

    /// <summary>Records that part of the exchange was not inspected, and why.</summary>
    public void AddUnchecked(string reason)
    {
        if (!_unchecked.Contains(reason)) _unchecked.Add(reason);
    }

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
        return new Verdict
        {
            Id = Id,
            Decision = Decision,
            Policy = PolicyVersion,
            Scores = new Dictionary<string, double>(_scores),
            Findings = _findings.ToList(),
            Timings = timings,
            Models = new Dictionary<string, string>(_models),
            UncheckedReasons = _unchecked.ToList(),
        };
    }
}
