using Guardrail.Detection;
using Guardrail.Rules;
using Guardrail.Rules.Loading;

namespace Guardrail.Server.Cli;

/// <summary>Loads a rules folder for a command, reporting every error as <c>file:line:column: message</c>.</summary>
internal static class CliRules
{
    public const string DefaultDirectory = "rules";

    /// <summary>The engine for <paramref name="policy"/>, or null after printing why not.</summary>
    public static RuleEngine? LoadEngine(string directory, string policy, DetectorRegistry detectors, TextWriter error, string command)
    {
        var result = Load(directory, detectors, error, command);
        if (result is null) return null;
        if (!result.Policies.TryGetValue(policy, out var p))
        {
            error.WriteLine($"guardrail {command}: no policy '{policy}' in {directory} (have: {string.Join(", ", result.Policies.Keys)})");
            return null;
        }
        return new RuleEngine(result.RuleSet!, p, detectors);
    }

    /// <summary>The loaded folder, or null after printing every error.</summary>
    public static RuleLoadResult? Load(string directory, DetectorRegistry detectors, TextWriter error, string command)
    {
        if (!Directory.Exists(directory))
        {
            error.WriteLine($"guardrail {command}: rules folder '{directory}' does not exist");
            return null;
        }
        var result = RuleLoader.Load(directory, detectors.Names);
        if (result.Success) return result;
        foreach (var e in result.Errors) error.WriteLine(e);
        error.WriteLine($"guardrail {command}: {result.Errors.Count} error(s) in {directory}");
        return null;
    }
}
