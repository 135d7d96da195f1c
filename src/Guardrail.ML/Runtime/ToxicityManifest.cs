using System.Text.Json;
using System.Text.Json.Serialization;
using Guardrail.ML.Features;
using Guardrail.Verdicts;

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

    private static readonly JsonSerializerOptions Json = new(WireJson.Options) { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

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
/// <param name="Threshold">Flag threshold on the calibrated probability: maximises mean per-source dev macro-F1.</param>
/// <param name="BlockThreshold">Stricter threshold for blocking: the smallest with pooled dev precision ≥ 0.90 (0 in old manifests: use <paramref name="Threshold"/>).</param>
/// <param name="Trainer">Trainer and hyperparameters that won on dev.</param>
/// <param name="Features">Feature settings the model was trained with.</param>
public sealed record ManifestModel(string Name, string File, string Category, string Language, float Threshold, float BlockThreshold, string Trainer, FeatureSettings Features)
{
    /// <summary>The block threshold, falling back to the flag threshold when the manifest has none.</summary>
    public float EffectiveBlockThreshold => BlockThreshold > 0 ? BlockThreshold : Threshold;

    /// <summary>
    /// File in the models folder with the per-feature scales of <see cref="FeatureSettings.Weighting"/> (gzip float32,
    /// <see cref="FeatureWeighting"/>); null when the model has no weighting.
    /// </summary>
    public string? ScaleFile { get; init; }

    /// <summary>How the model scores windows inside long sentences; null: sentences only (older manifests).</summary>
    public WindowSettings? Window { get; init; }
}
