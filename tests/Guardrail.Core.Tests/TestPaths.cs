namespace Guardrail.Core.Tests;

/// <summary>Repository folders seen from the test output directory.</summary>
internal static class TestPaths
{
    public static string Root { get; } = Find();

    public static string Rules => Path.Combine(Root, "rules");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Guardrail.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Guardrail.sln not found");
    }
}
