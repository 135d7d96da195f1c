namespace Guardrail.Grounding;

/// <summary>
/// The sources of one exchange, in the order supplied, with what extraction left out (empty, duplicated or
/// over-limit sources) so verdicts can say the work was bounded. Immutable once built; shared by every answer target.
/// </summary>
public sealed class SourceSet
{
    private readonly Dictionary<string, Source> _byId;
    private readonly bool _anyNumericId;

    /// <summary>Creates a set; later duplicates of an id are expected to have been dropped by the caller.</summary>
    public SourceSet(IReadOnlyList<Source> sources, IReadOnlyList<string>? notes = null)
    {
        Sources = sources;
        Notes = notes ?? [];
        _byId = new Dictionary<string, Source>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in sources)
        {
            _byId.TryAdd(s.Id, s);
            _anyNumericId |= IsNumber(s.Id);
            AnyUrl |= !string.IsNullOrEmpty(s.Url);
        }
    }

    /// <summary>The sources, in request order.</summary>
    public IReadOnlyList<Source> Sources { get; }

    /// <summary>What extraction dropped or cut, e.g. <c>source 3: empty</c>, <c>source 4: cut to 65536 characters</c>.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// The notes (a subset of <see cref="Notes"/>) that mean supplied text was not read because of a limit: the
    /// grounding check reports them as unchecked, the others only as remarks.
    /// </summary>
    public IReadOnlyList<string> Unchecked { get; init; } = [];

    /// <summary>The policy settings the set was extracted with; the grounding check judges claims with them.</summary>
    public SourceOptions Options { get; init; } = SourceOptions.Default;

    /// <summary>Number of sources.</summary>
    public int Count => Sources.Count;

    /// <summary>Finds a source by id (case-insensitive).</summary>
    public bool TryGet(string id, out Source source) => _byId.TryGetValue(id, out source!);

    /// <summary>
    /// The source a citation id names: the id itself; for <c>doc2</c>, <c>source 2</c> or <c>ref2</c> also id <c>2</c>;
    /// and, only when no source has a numeric id (tool results named by call id), number n as the n-th source.
    /// Null when it names none.
    /// </summary>
    public Source? Resolve(string id)
    {
        if (TryGet(id, out var source)) return source;
        var number = CitationIds.TrailingNumber(id);
        if (number is null) return null;
        if (TryGet(number, out source)) return source;
        if (_anyNumericId) return null;
        return int.TryParse(number, out var n) && n >= 1 && n <= Sources.Count ? Sources[n - 1] : null;
    }

    /// <summary>The source whose URL equals <paramref name="url"/> after normalisation (scheme, <c>www.</c>, trailing slash, fragment ignored).</summary>
    public Source? FindByUrl(string url)
    {
        var wanted = UrlCitations.Normalize(url);
        foreach (var s in Sources)
        {
            if (s.Url is { Length: > 0 } u && UrlCitations.Normalize(u) == wanted) return s;
        }
        return null;
    }

    /// <summary>True when at least one source has a URL, so a URL citation that matches none is a fabricated one.</summary>
    public bool AnyUrl { get; }

    private static bool IsNumber(string id) => id.Length > 0 && id.All(char.IsAsciiDigit);
}
