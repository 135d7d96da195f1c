namespace Guardrail.Grounding;

/// <summary>
/// The sources of one exchange, in the order supplied, with what extraction left out (empty, duplicated or
/// over-limit sources) so verdicts can say the work was bounded. Immutable once built; shared by every answer target.
/// </summary>
public sealed class SourceSet
{
    private readonly Dictionary<string, Source> _byId;

    /// <summary>Creates a set; later duplicates of an id are expected to have been dropped by the caller.</summary>
    public SourceSet(IReadOnlyList<Source> sources, IReadOnlyList<string>? notes = null)
    {
        Sources = sources;
        Notes = notes ?? [];
        _byId = new Dictionary<string, Source>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in sources) _byId.TryAdd(s.Id, s);
    }

    /// <summary>The sources, in request order.</summary>
    public IReadOnlyList<Source> Sources { get; }

    /// <summary>What extraction dropped or cut, e.g. <c>source 3: empty</c>, <c>source 4: cut to 65536 characters</c>.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Number of sources.</summary>
    public int Count => Sources.Count;

    /// <summary>Finds a source by id (case-insensitive).</summary>
    public bool TryGet(string id, out Source source) => _byId.TryGetValue(id, out source!);
}
