namespace Guardrail.Rules.Loading;

/// <summary>Suggests the known name closest to a misspelt one (edit distance), for "did you mean" messages.</summary>
public static class KeySuggestion
{
    /// <summary>The closest candidate within a distance that still reads as a typo, or null.</summary>
    public static string? Closest(string typo, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(typo.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        // Beyond this a "suggestion" is a guess that misleads more than it helps.
        var limit = Math.Max(2, typo.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    /// <summary>"unknown X 'y'; did you mean 'z'?" or a list of the valid names.</summary>
    public static string Unknown(string what, string name, IReadOnlyCollection<string> candidates, string? where = null)
    {
        var prefix = where is null ? $"unknown {what} '{name}'" : $"unknown {what} '{name}' in {where}";
        return Closest(name, candidates) is { } s
            ? $"{prefix}; did you mean '{s}'?"
            : $"{prefix}; expected one of: {string.Join(", ", candidates)}";
    }

    // Optimal string alignment distance: a swapped pair of letters counts as one typo.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
