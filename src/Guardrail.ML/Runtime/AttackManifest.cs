using System.Text.Json;
using System.Text.Json.Serialization;
using Guardrail.ML.Features;
using Guardrail.Verdicts;

namespace Guardrail.ML.Runtime;

/// <summary>The <c>models/attacks.json</c> manifest: the prompt-attack model's file, features, thresholds and how texts are cut.</summary>
public sealed record AttackManifest
{
    /// <summary>File name of the manifest inside the models folder.</summary>
    public const string FileName = "attacks.json";

    /// <summary>Version reported in verdicts, <c>attacks@date+short SHA-256 of the zip</c>.</summary>
    public required string Version { get; init; }

    /// <summary>
    /// The models: <see cref="AttackInput.Prompt"/> for what users type, <see cref="AttackInput.Document"/> for tool results and
    /// documents (whole text and windows), and optionally <see cref="AttackInput.Segment"/> for each segment of a document.
    /// </summary>
    public required IReadOnlyList<AttackModelEntry> Models { get; init; }

    /// <summary>Feature settings both models were trained with.</summary>
    public required FeatureSettings Features { get; init; }

    /// <summary>Characters per window of a long text (every window is scored as well as the whole text).</summary>
    public required int WindowSize { get; init; }

    /// <summary>Characters between window starts.</summary>
    public required int WindowStride { get; init; }

    /// <summary>The entry of <paramref name="input"/>.</summary>
    public AttackModelEntry For(AttackInput input) => Models.First(m => m.Input == input);

    /// <summary>The entry of <paramref name="input"/>, or null when the manifest has none (an older one without a segment model).</summary>
    public AttackModelEntry? Find(AttackInput input) => Models.FirstOrDefault(m => m.Input == input);

    private static readonly JsonSerializerOptions Json = new(WireJson.Options) { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Reads the manifest in <paramref name="modelsDir"/>.</summary>
    public static AttackManifest Load(string modelsDir) =>
        JsonSerializer.Deserialize<AttackManifest>(System.IO.File.ReadAllText(Path.Combine(modelsDir, FileName)), Json)
        ?? throw new InvalidDataException("empty attack manifest");

    /// <summary>Writes the manifest into <paramref name="modelsDir"/>.</summary>
    public void Save(string modelsDir) => System.IO.File.WriteAllText(Path.Combine(modelsDir, FileName), JsonSerializer.Serialize(this, Json) + "\n");
}

/// <summary>What a text is to the model reading it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttackInput>))]
public enum AttackInput
{
    /// <summary>A user turn or bare prompt: instructions are normal; overriding the model's are not.</summary>
    Prompt,

    /// <summary>A tool result or document: any instruction aimed at the assistant is an injection (BIPIA's premise).</summary>
    Document,

    /// <summary>One segment of a tool result or document (<see cref="DocumentSegments"/>): a sentence or line, read on its own.</summary>
    Segment,
}

/// <summary>One of the manifest's models.</summary>
/// <param name="Input">Which texts it reads.</param>
/// <param name="File">The ML.NET model zip in the models folder (a calibrated linear model over hashed n-grams).</param>
/// <param name="Trainer">Trainer and hyperparameters that won on dev.</param>
/// <param name="Threshold">Flag threshold on the probability: the lowest within the false-positive targets on benign dev texts.</param>
/// <param name="BlockThreshold">Block threshold: the lowest, from the flag up, that no benign dev text reaches (1: never blocks).</param>
public sealed record AttackModelEntry(AttackInput Input, string File, string Trainer, float Threshold, float BlockThreshold);
