using System.Text.Json;
using Guardrail.Verdicts;

namespace Guardrail.ML.Runtime;

/// <summary>The <c>models/grounding.json</c> manifest: the support model's file, trainer, threshold and feature names.</summary>
public sealed record GroundingManifest
{
    /// <summary>File name of the manifest inside the models folder.</summary>
    public const string FileName = "grounding.json";

    /// <summary>Version reported in verdicts, <c>grounding@date+short SHA-256 of the zip</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The ML.NET model zip in the models folder.</summary>
    public required string File { get; init; }

    /// <summary>Trainer and hyperparameters that won on dev.</summary>
    public required string Trainer { get; init; }

    /// <summary>Support threshold on the probability: a claim scoring below it is unsupported (max mean dev balanced accuracy).</summary>
    public required float Threshold { get; init; }

    /// <summary>The model's inputs, in order, as names of <see cref="Guardrail.Grounding.SupportFeatures.Names"/>.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Dev ROC-AUC per data set of the chosen trainer, for the record.</summary>
    public IReadOnlyDictionary<string, double>? DevRocAuc { get; init; }

    private static readonly JsonSerializerOptions Json = new(WireJson.Options) { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Reads the manifest in <paramref name="modelsDir"/>.</summary>
    public static GroundingManifest Load(string modelsDir) =>
        JsonSerializer.Deserialize<GroundingManifest>(System.IO.File.ReadAllText(Path.Combine(modelsDir, FileName)), Json)
        ?? throw new InvalidDataException("empty grounding manifest");

    /// <summary>Writes the manifest into <paramref name="modelsDir"/>.</summary>
    public void Save(string modelsDir) => System.IO.File.WriteAllText(Path.Combine(modelsDir, FileName), JsonSerializer.Serialize(this, Json) + "\n");
}
