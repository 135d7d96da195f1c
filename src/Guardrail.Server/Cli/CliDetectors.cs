using Guardrail.AspNetCore.Hosting;
using Guardrail.Detection;
using Guardrail.Server.Hosting;

namespace Guardrail.Server.Cli;

/// <summary>The detectors <c>serve</c> registers (<see cref="GuardrailApp.AddDetectors"/>), for commands that run without the host.</summary>
public static class CliDetectors
{
    /// <summary>The default models folder, relative to the working directory (the repository root in development).</summary>
    public const string DefaultModels = "models";

    /// <summary>Every detector <c>serve</c> has, with the shipped models loaded from <paramref name="modelsDir"/>.</summary>
    public static DetectorRegistry Create(string modelsDir) => GuardrailDetectorRegistry.Build(
        GuardrailApp.AddDetectors,
        new Dictionary<string, string?> { ["Guardrail:Toxicity:ModelsDirectory"] = modelsDir });

    /// <summary>
    /// <see cref="Create"/> for a command: a models folder that does not hold the shipped models is one line on
    /// <paramref name="stderr"/> (null returned), not a stack trace.
    /// </summary>
    public static DetectorRegistry? TryCreate(string modelsDir, TextWriter stderr, string command)
    {
        try
        {
            return Create(modelsDir);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            stderr.WriteLine($"guardrail {command}: models folder '{modelsDir}': {string.Join("; ", e.Failures)}");
            return null;
        }
    }

    /// <summary>The <c>--models</c> option shared by the commands.</summary>
    public static System.CommandLine.Option<string> ModelsOption() => new("--models")
    {
        Description = "Folder of the shipped models (toxicity.json, grounding.json).",
        DefaultValueFactory = _ => DefaultModels,
    };
}
