namespace Guardrail.Rules.Loading;

/// <summary>Finds and reads the YAML files of a rules folder in a stable order.</summary>
internal static class RuleFiles
{
    /// <summary>Rule and policy files, as (full path, relative path with <c>/</c>), in ordinal relative-path order.</summary>
    public static List<(string Full, string Relative)> Find(string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        return Directory.EnumerateFiles(directory, "*", options)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(directory, f).Replace('\\', '/')))
            .Where(f => IsCandidate(f.Relative, RuleLoader.NotRules))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// YAML files not under a dot-folder: Kubernetes ConfigMap volumes keep a second copy of every file in
    /// <c>..data/</c> and timestamped dot-folders, which would otherwise load each rule twice.
    /// </summary>
    public static bool IsCandidate(string relative, IReadOnlySet<string> excluded)
    {
        if (!(relative.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || relative.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))) return false;
        if (relative.Split('/').Any(segment => segment.StartsWith('.'))) return false;
        return !excluded.Contains(relative);
    }

    /// <summary>The file's text, or null with an error when it cannot be read (e.g. mid-write during a reload).</summary>
    public static string? TryRead(string full, string relative, List<RuleError> errors)
    {
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new RuleError(relative, 1, 1, $"cannot read file: {ex.Message}"));
            return null;
        }
    }
}
