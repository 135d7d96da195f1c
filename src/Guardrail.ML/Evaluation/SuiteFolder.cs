namespace Guardrail.ML.Evaluation;

/// <summary>Where an evaluation suite of the repository is found when no folder is given.</summary>
public static class SuiteFolder
{
    /// <summary><paramref name="relative"/> beside <paramref name="modelsDir"/> (its parent is the repository root), else under the current directory; null when neither exists.</summary>
    public static string? Find(string modelsDir, string relative)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(modelsDir.TrimEnd('/', '\\')));
        string[] candidates = [.. root is null ? [] : new[] { Path.Combine(root, relative) }, Path.GetFullPath(relative)];
        return candidates.FirstOrDefault(Directory.Exists);
    }
}
