using System.Diagnostics;
using Guardrail.Detection;
using Guardrail.Text;

namespace Guardrail.Rules;

/// <summary>
/// What a condition sees while one text is evaluated: the target, and each detector's signals computed
/// at most once per text however many rules ask for them. Not thread-safe: one per evaluation.
/// </summary>
public sealed class RuleContext
{
    private readonly DetectorRegistry _detectors;
    private readonly Dictionary<string, IReadOnlyList<Signal>> _signals = new(StringComparer.OrdinalIgnoreCase);
    private NormalizedText? _cased;
    private NormalizedText? _normalized;
    private NormalizedText? _deobfuscated;

    /// <summary>Creates a context for one target.</summary>
    public RuleContext(TextTarget target, DetectorRegistry detectors)
    {
        Target = target;
        _detectors = detectors;
    }

    /// <summary>The text under evaluation.</summary>
    public TextTarget Target { get; }

    /// <summary>The policy's threshold for the rule being evaluated, replacing the rule's own <c>above:</c> when set.</summary>
    public double? ThresholdOverride { get; internal set; }

    /// <summary>Milliseconds spent in each detector for this text.</summary>
    public Dictionary<string, double> Timings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Detectors that threw; the pipeline applies the policy's fail mode.</summary>
    public Dictionary<string, Exception> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Conditions that ran out of time on this text; each counted as no match rather than thrown.</summary>
    public List<string> ConditionTimeouts { get; } = [];

    /// <summary>The folded form of the text with its letter case kept (regex rules match on it), created on first use.</summary>
    public NormalizedText Cased => _cased ??= NormalizedText.CreateCased(Target.Text);

    /// <summary>The folded, lower-cased form of the text, created on first use; positions equal those of <see cref="Cased"/>.</summary>
    public NormalizedText Normalized => _normalized ??= Cased.ToLowerCase();

    /// <summary>
    /// The folded text with filter evasions undone (see <see cref="NormalizedText.CreateDeobfuscated"/>),
    /// created on first use from <see cref="Normalized"/>.
    /// </summary>
    public NormalizedText Deobfuscated => _deobfuscated ??= Deobfuscation.Apply(Normalized);

    /// <summary>Every signal detector <paramref name="name"/> reports for this text (empty if it is unknown or failed).</summary>
    public IReadOnlyList<Signal> Signals(string name)
    {
        if (_signals.TryGetValue(name, out var cached)) return cached;
        IReadOnlyList<Signal> result = [];
        if (_detectors.TryGet(name, out var detector))
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                result = detector.Detect(Target);
            }
            catch (Exception ex) // contained here so one failing detector cannot take the exchange down
            {
                Errors[name] = ex;
            }
            Timings[name] = Timings.GetValueOrDefault(name) + Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        _signals[name] = result;
        return result;
    }

    /// <summary>All signals computed so far, by detector.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Signal>> ComputedSignals => _signals;
}
