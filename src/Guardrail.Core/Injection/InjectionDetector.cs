using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Text;
using Guardrail.Verdicts;

namespace Guardrail.Injection;

/// <summary>
/// Heuristics for direct prompt injection and jailbreak attempts in English and Chinese. Matches on the
/// folded, lower-cased text (<see cref="NormalizedText.Create"/>: NFKC, invisible characters removed, Cyrillic
/// and Greek look-alikes folded) so full-width letters, split words and homoglyphs do not evade it, and maps
/// every span back to the original text. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Emits one signal per match (score = the pattern's weight; overlapping matches of one family keep the
/// strongest) and, when anything matched, one whole-text <see cref="InjectionKinds.Combined"/> signal
/// scoring 1 − Π(1 − s) over each family's strongest match, so cues from several families reinforce.
/// </remarks>
public sealed class InjectionDetector : IDetector
{
    private readonly InjectionPattern[] _patterns;
    private readonly InjectionGate? _gate;

    /// <summary>Creates a detector that runs every family.</summary>
    public InjectionDetector() : this(new InjectionOptions())
    {
    }

    /// <summary>Creates a detector with <paramref name="options"/>; invalid options throw <see cref="ArgumentException"/>.</summary>
    public InjectionDetector(InjectionOptions options) : this(options, gated: true)
    {
    }

    // gated: false runs every regex on every text; tests use it to prove the gate never changes a result.
    internal InjectionDetector(InjectionOptions options, bool gated)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));
        _patterns = InjectionPatterns.All
            .Where(p => options.Families.Contains(p.Family) && p.Weight >= options.MinWeight)
            .ToArray();
        _gate = gated ? new InjectionGate(_patterns) : null;
    }

    /// <inheritdoc />
    public string Name => "injection";

    /// <inheritdoc />
    public IReadOnlyList<Signal> Detect(TextTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var text = target.Text ?? "";
        if (string.IsNullOrWhiteSpace(text)) return [];
        var normalized = NormalizedText.Create(text);
        Span<bool> run = _patterns.Length <= 256 ? stackalloc bool[_patterns.Length] : new bool[_patterns.Length];
        if (_gate is null) run.Fill(true);
        else _gate.Select(normalized.Folded, run);
        List<(InjectionPattern Pattern, int Start, int End)>? hits = null;
        for (var p = 0; p < _patterns.Length; p++)
        {
            if (!run[p]) continue;
            var pattern = _patterns[p];
            foreach (var m in pattern.Regex.EnumerateMatches(normalized.Folded))
            {
                if (m.Length > 0) (hits ??= []).Add((pattern, m.Index, m.Index + m.Length));
            }
        }
        return hits is null ? [] : ToSignals(normalized, hits);
    }

    private static Signal[] ToSignals(NormalizedText normalized, List<(InjectionPattern Pattern, int Start, int End)> hits)
    {
        // Strongest first, so a weaker overlapping match of the same family is dropped.
        hits.Sort(static (a, b) => b.Pattern.Weight != a.Pattern.Weight
            ? b.Pattern.Weight.CompareTo(a.Pattern.Weight)
            : (b.End - b.Start).CompareTo(a.End - a.Start));
        var kept = new List<(InjectionPattern Pattern, int Start, int End)>(hits.Count);
        foreach (var hit in hits)
        {
            if (!kept.Exists(k => k.Pattern.Family == hit.Pattern.Family && k.Start < hit.End && hit.Start < k.End)) kept.Add(hit);
        }
        kept.Sort(static (a, b) => a.Start.CompareTo(b.Start));

        var strongest = new Dictionary<string, double>(StringComparer.Ordinal);
        var signals = new Signal[kept.Count + 1];
        for (var i = 0; i < kept.Count; i++)
        {
            var (pattern, start, end) = kept[i];
            var (s, e) = normalized.ToOriginal(start, end);
            var evidence = new JsonObject { ["pattern"] = pattern.Id, ["family"] = pattern.Family };
            signals[i] = new Signal(pattern.Family, pattern.Weight, new TextSpan(s, e), pattern.Explanation, evidence);
            strongest[pattern.Family] = Math.Max(strongest.GetValueOrDefault(pattern.Family), pattern.Weight);
        }
        signals[^1] = Combined(strongest);
        return signals;
    }

    private static Signal Combined(Dictionary<string, double> strongest)
    {
        var miss = 1.0;
        var families = new JsonObject();
        foreach (var family in InjectionKinds.Families)
        {
            if (!strongest.TryGetValue(family, out var score)) continue;
            miss *= 1 - score;
            families[family] = score;
        }
        var combined = Math.Round(1 - miss, 4);
        var explanation = strongest.Count == 1
            ? $"Prompt-injection cues of one family ({string.Join(", ", strongest.Keys)})."
            : $"Prompt-injection cues of {strongest.Count} families ({string.Join(", ", InjectionKinds.Families.Where(strongest.ContainsKey))}) reinforce each other.";
        return new Signal(InjectionKinds.Combined, combined, null, explanation, new JsonObject { ["families"] = families });
    }
}
