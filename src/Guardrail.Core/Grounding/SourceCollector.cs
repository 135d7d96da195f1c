using System.Globalization;

namespace Guardrail.Grounding;

/// <summary>
/// Gathers extracted sources under the policy's limits: empty ones are dropped, a repeated id keeps the first, and
/// the count, per-source and total character limits cut or drop the rest, each noted for the verdict.
/// </summary>
internal sealed class SourceCollector(SourceOptions options)
{
    private readonly List<Source> _sources = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _unchecked = [];
    private readonly HashSet<string> _ids = new(StringComparer.OrdinalIgnoreCase);
    private int _totalChars;
    private int _overCount;
    private int _overTotal;

    /// <summary>Adds a source; <paramref name="id"/> null or blank falls back to <paramref name="position"/>.</summary>
    public void Add(string? id, string? title, string? url, string text, string origin, int position)
    {
        id = string.IsNullOrWhiteSpace(id) ? position.ToString(CultureInfo.InvariantCulture) : id.Trim();
        text = text.Trim();
        if (text.Length == 0)
        {
            _notes.Add($"source {id} ({origin}) is empty; ignored");
            return;
        }
        if (!_ids.Add(id))
        {
            _notes.Add($"source {id} ({origin}) repeats an id; the first source with that id is used");
            return;
        }
        if (_sources.Count >= options.MaxSources)
        {
            _overCount++;
            return;
        }
        if (text.Length > options.MaxSourceChars)
        {
            text = Cut(text, options.MaxSourceChars);
            Bounded($"source {id} cut to {options.MaxSourceChars} characters");
        }
        var room = options.MaxTotalChars - _totalChars;
        if (room <= 0)
        {
            _overTotal++;
            return;
        }
        if (text.Length > room)
        {
            text = Cut(text, room);
            Bounded($"source {id} cut to {text.Length} characters: all sources together are limited to {options.MaxTotalChars}");
        }
        _totalChars += text.Length;
        _sources.Add(new Source(id, Blank(title), Blank(url), text, origin));
    }

    /// <summary>The set, with its notes and the policy it was built under; null when the request supplied nothing at all.</summary>
    public SourceSet? Build()
    {
        if (_overCount > 0) Bounded($"{_overCount} more sources beyond the limit of {options.MaxSources} were not used");
        if (_overTotal > 0) Bounded($"{_overTotal} more sources beyond the limit of {options.MaxTotalChars} characters in total were not used");
        if (_sources.Count == 0 && _notes.Count == 0) return null;
        return new SourceSet(_sources, _notes) { Unchecked = _unchecked, Options = options };
    }

    /// <summary>Records a remark (e.g. an unclosed tag) that is not about one source's limits.</summary>
    public void Note(string note) => _notes.Add(note);

    private void Bounded(string note)
    {
        _notes.Add(note);
        _unchecked.Add(note);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // Never between the halves of a surrogate pair.
    private static string Cut(string text, int length)
    {
        if (length > 0 && char.IsHighSurrogate(text[length - 1])) length--;
        return text[..length];
    }
}
