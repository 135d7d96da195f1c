using Guardrail.Detection;
using Guardrail.ML.Detection;

namespace Guardrail.Server.Cli;

/// <summary>Every detector the proxy registers, for commands that run without the host.</summary>
public static class CliDetectors
{
    /// <summary>The default models folder, relative to the working directory (the repository root in development).</summary>
    public const string DefaultModels = "models";

    /// <summary>PII, prompt injection and the toxicity classifier loaded from <paramref name="modelsDir"/>.</summary>
    public static DetectorRegistry Create(string modelsDir) => ShippedDetectors.Create(modelsDir);

    /// <summary>The <c>--models</c> option shared by the commands.</summary>
    public static System.CommandLine.Option<string> ModelsOption() => new("--models")
    {
        Description = "Folder of the shipped models (toxicity.json, grounding.json).",
        DefaultValueFactory = _ => DefaultModels,
    };
}
