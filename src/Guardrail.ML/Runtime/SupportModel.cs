using System.Diagnostics.CodeAnalysis;
using Guardrail.Grounding;
using Guardrail.ML.Features;
using Microsoft.ML;

namespace Guardrail.ML.Runtime;

/// <summary>
/// The shipped grounding support model (<c>models/grounding.json</c> + <c>grounding.zip</c>): the probability that a
/// source supports a claim, from the alignment features of <see cref="SupportFeatures"/>. Thread-safe, allocation-free.
/// </summary>
/// <remarks>
/// <see cref="Score(ReadOnlySpan{float})"/> takes the full <see cref="SupportFeatures"/> vector; the
/// manifest names which of them the model reads. The parameters are evaluated directly (see <see cref="SupportFunction"/>).
/// </remarks>
public sealed class SupportModel : ISupportScorer
{
    private readonly SupportFunction _function;
    private readonly int[] _inputs;

    private SupportModel(GroundingManifest manifest, SupportFunction function, int[] inputs)
    {
        Manifest = manifest;
        _function = function;
        _inputs = inputs;
    }

    /// <summary>The manifest the model was loaded from.</summary>
    public GroundingManifest Manifest { get; }

    /// <inheritdoc/>
    public string Version => Manifest.Version;

    /// <summary>Dev-chosen support threshold: a probability below it means "not supported".</summary>
    public float Threshold => Manifest.Threshold;

    /// <summary>
    /// The Chinese support model (<c>grounding-zh.json</c>), when the folder has one: Chinese claims are scored by it
    /// (<see cref="For"/>), since the English-trained weights do not transfer to character n-grams (models/grounding.md).
    /// </summary>
    public SupportModel? Chinese { get; private init; }

    /// <summary>Share of Han tokens from which a claim counts as Chinese.</summary>
    public const float ChineseFrom = 0.5f;

    /// <summary>The model that scores a claim with these features: <see cref="Chinese"/> for a Chinese claim, else this one.</summary>
    public SupportModel For(ReadOnlySpan<float> features) =>
        Chinese is { } zh && features.Length > SupportFeatures.HanShareIndex && features[SupportFeatures.HanShareIndex] >= ChineseFrom ? zh : this;

    /// <summary>The version written in verdicts: this model's, and the Chinese model's after a comma when there is one.</summary>
    public string Versions => Chinese is null ? Version : Version + "," + Chinese.Version;

    /// <summary>Length of the feature vector <see cref="Score(ReadOnlySpan{float})"/> expects (<see cref="SupportFeatures.Count"/>).</summary>
    public static int FeatureCount => SupportFeatures.Count;

    /// <summary>The probability that the source supports the claim, from the full <see cref="SupportFeatures"/> vector.</summary>
    /// <exception cref="ArgumentException">The vector is shorter than <see cref="FeatureCount"/>.</exception>
    public float Score(ReadOnlySpan<float> features)
    {
        if (features.Length < SupportFeatures.Count) throw new ArgumentException($"Need the {SupportFeatures.Count} SupportFeatures, got {features.Length}.", nameof(features));
        Span<float> x = stackalloc float[_inputs.Length];
        for (var i = 0; i < _inputs.Length; i++) x[i] = features[_inputs[i]];
        return _function.Probability(x);
    }

    /// <summary>Computes the features of <paramref name="claim"/> against <paramref name="source"/> and scores them.</summary>
    public float Score(AnalyzedText claim, AnalyzedText source)
    {
        Span<float> f = stackalloc float[SupportFeatures.Count];
        SupportFeatures.Compute(claim, source, f);
        return Score(f);
    }

    /// <summary>Loads the model from <paramref name="modelsDir"/>; one <see cref="InvalidDataException"/> with a one-line reason when it cannot.</summary>
    public static SupportModel Load(string modelsDir) =>
        TryLoad(modelsDir, out var model, out var error) ? model : throw new InvalidDataException(error);

    /// <summary>
    /// Loads the model and, when the folder has <c>grounding-zh.json</c>, the Chinese model beside it; or says in one
    /// line why not (missing folder or file, unreadable manifest or zip, unknown feature).
    /// </summary>
    public static bool TryLoad(string modelsDir, [NotNullWhen(true)] out SupportModel? model, out string error)
    {
        if (!TryLoad(modelsDir, GroundingManifest.FileName, out model, out error)) return false;
        if (!File.Exists(Path.Combine(modelsDir, GroundingManifest.ChineseFileName))) return true;
        if (!TryLoad(modelsDir, GroundingManifest.ChineseFileName, out var chinese, out error))
        {
            model = null;
            return false;
        }
        model = new SupportModel(model.Manifest, model._function, model._inputs) { Chinese = chinese };
        return true;
    }

    /// <summary>Loads one model from its manifest <paramref name="manifestFile"/> alone (no Chinese model beside it).</summary>
    public static bool TryLoad(string modelsDir, string manifestFile, [NotNullWhen(true)] out SupportModel? model, out string error)
    {
        model = null;
        var manifestPath = Path.Combine(modelsDir, manifestFile);
        if (!File.Exists(manifestPath)) return Fail($"grounding model: '{manifestPath}' not found", out error);
        GroundingManifest manifest;
        try
        {
            manifest = GroundingManifest.Load(modelsDir, manifestFile);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or IOException)
        {
            return Fail($"grounding model: '{manifestPath}' is not a valid manifest ({e.Message})", out error);
        }
        if (manifest.File is null || manifest.Features is null || manifest.Features.Count == 0) return Fail($"grounding model: '{manifestPath}' lacks file or features", out error);
        var inputs = new int[manifest.Features.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = IndexOf(SupportFeatures.Names, manifest.Features[i]);
            if (inputs[i] < 0) return Fail($"grounding model: feature '{manifest.Features[i]}' is unknown to this build (retrain the model)", out error);
        }
        var zip = Path.Combine(modelsDir, manifest.File);
        if (!File.Exists(zip)) return Fail($"grounding model: '{zip}' not found", out error);
        try
        {
            var transformer = new MLContext(seed: 1).Model.Load(zip, out _);
            model = new SupportModel(manifest, SupportFunction.From(transformer, inputs.Length), inputs);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException or ArgumentException)
        {
            return Fail($"grounding model: '{zip}' cannot be read ({e.GetType().Name}: {e.Message.Split('\n')[0]})", out error);
        }
        error = "";
        return true;
    }

    /// <summary>Wraps an already loaded ML.NET transformer (training uses it to check the direct evaluation).</summary>
    internal static SupportModel FromTransformer(GroundingManifest manifest, ITransformer transformer) =>
        new(manifest, SupportFunction.From(transformer, manifest.Features.Count), manifest.Features.Select(f => IndexOf(SupportFeatures.Names, f)).ToArray());

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
