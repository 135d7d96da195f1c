namespace Guardrail.Detection;

/// <summary>The detectors available to rules, by name.</summary>
public sealed class DetectorRegistry
{
    private readonly Dictionary<string, IDetector> _byName;

    /// <summary>Creates a registry; later detectors with the same name replace earlier ones (last registration wins, as in DI).</summary>
    public DetectorRegistry(IEnumerable<IDetector> detectors)
    {
        _byName = new Dictionary<string, IDetector>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in detectors) _byName[d.Name] = d;
    }

    /// <summary>All registered names.</summary>
    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>
    /// The categories verdicts can score under: each classifier's categories (toxicity, insult, hate, threat,
    /// profanity, …) and every other detector's own name (pii, injection, …).
    /// </summary>
    public IReadOnlyCollection<string> ScoreCategories =>
        _byName.Values.SelectMany(d => d is IClassifier c ? c.Categories : [d.Name]).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>A registry like this one with <paramref name="replacements"/> in place of the detectors of the same names (a shadow model).</summary>
    public DetectorRegistry With(IEnumerable<IDetector> replacements) => new(_byName.Values.Concat(replacements));

    /// <summary>Looks a detector up by name.</summary>
    public bool TryGet(string name, out IDetector detector) => _byName.TryGetValue(name, out detector!);
}
