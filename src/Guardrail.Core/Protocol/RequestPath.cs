namespace Guardrail.Protocol;

/// <summary>
/// Normalises a request path before adapters match it, so the spellings an upstream treats as the same endpoint
/// (<c>/v1/chat/completions/</c>, <c>/v1/./chat//completions</c>, <c>/v1/chat%2Fcompletions</c>, <c>;a=b</c> path
/// parameters, mixed case) cannot walk around the guard.
/// </summary>
public static class RequestPath
{
    /// <summary>The normalised form: no query string or fragment, lower case, decoded <c>%2F</c>/<c>%2E</c>/<c>%5C</c>, no path parameters, empty and dot segments resolved, no trailing slash.</summary>
    public static string Normalize(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "/";
        // A raw '?' or '#' never belongs to the path (Azure's ?api-version=… arrives with it from the CLI); an encoded %3F does.
        var end = path.AsSpan().IndexOfAny('?', '#');
        var decoded = end >= 0 ? path[..end] : path;
        // Decode repeatedly: %252F decodes to %2F, which some servers decode once more.
        for (var i = 0; i < 3 && decoded.Contains('%'); i++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded) break;
            decoded = next;
        }
        decoded = decoded.Replace('\\', '/');
        var segments = new List<string>();
        foreach (var raw in decoded.Split('/'))
        {
            var semicolon = raw.IndexOf(';');
            var segment = (semicolon >= 0 ? raw[..semicolon] : raw).Trim();
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment.ToLowerInvariant());
        }
        return "/" + string.Join('/', segments);
    }

    /// <summary>True when the normalised <paramref name="path"/> ends with the segments of <paramref name="suffix"/> (e.g. <c>/chat/completions</c>).</summary>
    public static bool EndsWith(string path, string suffix) =>
        path.EndsWith(suffix, StringComparison.Ordinal) && (path.Length == suffix.Length || path[path.Length - suffix.Length - 1] == '/' || suffix[0] == '/');
}
