namespace Guardrail.Testing;

/// <summary>Finds the repository's folders from a test's working directory.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding Guardrail.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped rules folder.</summary>
    public static string Rules => Path.Combine(Root, "rules");

    /// <summary>The shipped models folder.</summary>
    public static string Models => Path.Combine(Root, "models");

    /// <summary>A temporary copy of the shipped rules, with extra files (relative path → YAML) added or replaced.</summary>
    public static string RulesCopy(IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "guardrail-rules-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Rules, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        foreach (var (relative, content) in extraFiles ?? new Dictionary<string, string>())
        {
            var target = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, content);
        }
        return dir;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Guardrail.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Guardrail.sln not found above " + AppContext.BaseDirectory);
    }
}
