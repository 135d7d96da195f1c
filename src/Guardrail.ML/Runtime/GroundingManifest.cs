using System.Text.Json;
using Guardrail.Verdicts;

namespace Guardrail.ML.Runtime;

/// <summary>The <c>models/grounding.json</c> manifest: the support model's file, trainer, threshold and feature names (also the Chinese model's <c>grounding-zh.json</c>).</summary>
public sealed record GroundingManifest
{
    /// <summary>File name of the manifest inside the models folder.</summary>
    public const string FileName = "grounding.json";

    /// <summary>File name of the Chinese support model's manifest (optional: without it Chinese claims use the main model).</summary>
    public const string ChineseFileName = "grounding-zh.json";

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

    /// <summary>Reads the manifest <paramref name="fileName"/> in <paramref name="modelsDir"/>.</summary>
    public static GroundingManifest Load(string modelsDir, string fileName = FileName) =>
        JsonSerializer.Deserialize<GroundingManifest>(System.IO.File.ReadAllText(Path.Combine(modelsDir, fileName)), Json)
        ?? throw new InvalidDataException("empty grounding manifest");

    /// <summary>Writes the manifest into <paramref name="modelsDir"/> as <paramref name="fileName"/>.</summary>
    public void Save(string modelsDir, string fileName = FileName) => System.IO.File.WriteAllText(Path.Combine(modelsDir, fileName), JsonSerializer.Serialize(this, Json) + "\n");
}
