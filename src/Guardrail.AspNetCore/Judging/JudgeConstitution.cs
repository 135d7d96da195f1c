using Guardrail.Judging;

namespace Guardrail.AspNetCore.Judging;

/// <summary>Finds and loads the judge's constitution: the configured file, or <c>constitution.yaml</c> in the rules folder.</summary>
public static class JudgeConstitution
{
    /// <summary>The file the options name, or the rules folder's.</summary>
    public static string PathOf(JudgeOptions options, string rulesDirectory) =>
        string.IsNullOrWhiteSpace(options.Constitution) ? Path.Combine(rulesDirectory, ConstitutionLoader.FileName) : options.Constitution;

    /// <summary>Loads it; an invalid or missing constitution throws with every error, so startup stops and says why.</summary>
    public static Constitution Load(JudgeOptions options, string rulesDirectory)
    {
        var path = PathOf(options, rulesDirectory);
        if (!File.Exists(path)) throw new InvalidOperationException($"The judge's constitution '{path}' does not exist.");
        var result = ConstitutionLoader.Load(path, path);
        if (!result.Success) throw new InvalidOperationException($"The judge's constitution has errors:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
        return result.Constitution!;
    }
}
