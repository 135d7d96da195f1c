using System.Text.Json;
using System.Text.Json.Serialization;
using Guardrail.ML.Features;

namespace Guardrail.ML.Runtime;

/// <summary>The <c>models/toxicity.json</c> manifest: which model files serve which category and language, and their thresholds.</summary>
public sealed record ToxicityManifest
{
    /// <summary>File name of the manifest inside the models folder.</summary>
    public const string FileName = "toxicity.json";

    /// <summary>Version reported in verdicts, <c>toxicity@date+hash of the model bytes</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The models.</summary>
    public required IReadOnlyList<ManifestModel> Models { get; init; }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Reads the manifest in <paramref name="modelsDir"/>.</summary>
    public static ToxicityManifest Load(string modelsDir) =>
        JsonSerializer.Deserialize<ToxicityManifest>(File.ReadAllText(Path.Combine(modelsDir, FileName)), Json)
        ?? throw new InvalidDataException("empty toxicity manifest");

    /// <summary>Writes the manifest into <paramref name="modelsDir"/>.</summary>
    public void Save(string modelsDir) => File.WriteAllText(Path.Combine(modelsDir, FileName), JsonSerializer.Serialize(this, Json) + "\n");
}

/// <summary>One model in the manifest.</summary>
/// <param name="Name">Model name.</param>
/// <param name="File">Zip file name in the models folder.</param>
/// <param name="Category">Score category.</param>
/// <param name="Language">Language served.</param>
/// <param name="Threshold">Decision threshold on the calibrated probability, chosen on dev.</param>
/// <param name="Trainer">Trainer and hyperparameters that won on dev.</param>
/// <param name="Features">Feature settings the model was trained with.</param>
public sealed record ManifestModel(string Name, string File, string Category, string Language, float Threshold, string Trainer, FeatureSettings Features);
