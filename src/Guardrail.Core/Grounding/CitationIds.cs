using System.Text.RegularExpressions;

namespace Guardrail.Grounding;

/// <summary>What may stand between citation brackets, and how such ids map to source ids.</summary>
internal static partial class CitationIds
{
    /// <summary>Ranges such as <c>[1-3]</c> expand to at most this many ids; longer ones are not citations.</summary>
    public const int MaxRange = 20;

    [GeneratedRegex(@"^(?:doc|document|source|src|ref)?\s*[#_-]?\s*(\d{1,4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^(\d{1,4})\s*[-–]\s*(\d{1,4})$")]
    private static partial Regex Range();

    [GeneratedRegex(@"^[\w.:-]{1,40}$")]
    private static partial Regex FootnoteId();

    /// <summary>The number at the end of <c>2</c>, <c>doc2</c>, <c>source 2</c>, <c>ref#2</c>; null otherwise.</summary>
    public static string? TrailingNumber(string id)
    {
        var m = Numbered().Match(id.Trim());
        if (!m.Success) return null;
        var n = m.Groups[1].Value.TrimStart('0');
        return n.Length > 0 ? n : "0";
    }

    /// <summary>
    /// The ids between a marker's brackets, or null when the content is not a citation (<c>[sic]</c>, <c>[x]</c>,
    /// <c>[]</c>). Empty list entries are skipped, so <c>[1,,]</c> names source 1.
    /// </summary>
    public static List<string>? Parse(string inner, SourceSet? sources)
    {
        var s = inner.Trim();
        var footnote = s.StartsWith('^');
        if (footnote) s = s[1..];
        var dagger = s.IndexOf('†', StringComparison.Ordinal); // "【3†source】": the id comes before the dagger
        if (dagger >= 0) s = s[..dagger];
        var ids = new List<string>();
        foreach (var raw in s.Split([',', ';', '，', '、']))
        {
            var part = raw.Trim();
            if (part.Length == 0) continue;
            if (Range().Match(part) is { Success: true } r)
            {
                var (a, b) = (int.Parse(r.Groups[1].Value), int.Parse(r.Groups[2].Value));
                if (b < a || b - a >= MaxRange) return null;
                for (var n = a; n <= b; n++) ids.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (Numbered().IsMatch(part) || (footnote && FootnoteId().IsMatch(part)) || (sources is not null && sources.TryGet(part, out _)))
            {
                ids.Add(part);
            }
            else
            {
                return null;
            }
        }
        return ids.Count == 0 ? null : ids;
    }
}
