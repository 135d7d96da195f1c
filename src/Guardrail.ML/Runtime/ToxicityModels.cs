using System.Diagnostics;
using Guardrail.ML.Features;
using Microsoft.ML;

namespace Guardrail.ML.Runtime;

/// <summary>
/// The shipped toxicity models (<c>models/toxicity.json</c> and its zips), ready to score texts from any number of
/// threads: per language, a calibrated probability per category and the n-grams that contributed most.
/// </summary>
public sealed class ToxicityModels
{
    private readonly Dictionary<string, List<(FeaturizerPool Pool, List<LoadedModel> Models)>> _byLanguage;

    private ToxicityModels(ToxicityManifest manifest, List<LoadedModel> models, TimeSpan loadTime)
    {
        Manifest = manifest;
        LoadTime = loadTime;
        // Models of one language with equal feature settings share one featurisation per text; a model with its own
        // per-feature scales (FeatureSettings.Weighting) gets its own featurizer.
        _byLanguage = models.GroupBy(m => m.Info.Language).ToDictionary(
            g => g.Key,
            g => g.GroupBy(m => (m.Info.Features, Scale: (object?)m.Scale ?? m.Info.Features))
                .Select(s => (new FeaturizerPool(s.Key.Features, s.First().Scale), s.ToList())).ToList());
        var windows = new Dictionary<string, WindowSettings>();
        foreach (var g in models.Where(m => m.Info.Window is not null).GroupBy(m => m.Info.Language))
        {
            var first = g.First().Info.Window!;
            // One geometry per language: the language's models then share one featurisation per window.
            if (g.Any(m => !m.Info.Window!.SameGeometry(first))) throw new InvalidDataException($"toxicity manifest: the {g.Key} models cut windows differently");
            windows[g.Key] = first;
        }
        Windows = windows;
    }

    /// <summary>Window geometry per language whose models score windows inside long sentences (see <see cref="WindowSettings"/>).</summary>
    public IReadOnlyDictionary<string, WindowSettings> Windows { get; }

    /// <summary>The manifest the models were loaded from.</summary>
    public ToxicityManifest Manifest { get; }

    /// <summary>Version for verdicts, e.g. <c>toxicity@2026-11-28+a1b2c3d</c>.</summary>
    public string Version => Manifest.Version;

    /// <summary>How long <see cref="Load"/> took.</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>Languages with at least one model.</summary>
    public IReadOnlyCollection<string> Languages => _byLanguage.Keys;

    /// <summary>Loads the manifest and every model it lists from <paramref name="modelsDir"/>.</summary>
    public static ToxicityModels Load(string modelsDir)
    {
        var clock = Stopwatch.StartNew();
        var manifest = ToxicityManifest.Load(modelsDir);
        var ml = new MLContext(seed: 1);
        var models = manifest.Models.Select(m => new LoadedModel(ml, m, modelsDir)).ToList();
        return new ToxicityModels(manifest, models, clock.Elapsed);
    }

    /// <summary>
    /// Scores <paramref name="text"/> with the models of <paramref name="language"/> (<c>en</c>, <c>zh</c>, or null/<c>auto</c>
    /// to decide by script; other languages fall back to English). <paramref name="topContributions"/> n-gram
    /// contributions are returned per category (0 skips explanations, which is faster).
    /// </summary>
    public ToxicityScore Score(string text, string? language, int topContributions = 3) =>
        Score(text, ResolveLanguage(text, language), topContributions, window: false);

    /// <summary>
    /// Scores <paramref name="window"/>, a window cut from a long sentence of <paramref name="language"/>
    /// (<see cref="SentenceWindows"/>), with the models that score windows; each category carries the window thresholds of
    /// its model (<see cref="WindowSettings"/>), so a calibrated window score means the same operating point as a sentence's.
    /// </summary>
    public ToxicityScore ScoreWindow(string window, string language, int topContributions = 0) =>
        Score(window, ResolveLanguage(window, language), topContributions, window: true);

    private ToxicityScore Score(string text, string lang, int topContributions, bool window)
    {
        var prepared = ToxicityText.Prepare(text);
        var categories = new List<CategoryScore>(2);
        foreach (var (pool, models) in _byLanguage[lang])
        {
            if (window && models.All(m => m.Info.Window is null)) continue;
            var slot = pool.Get();
            try
            {
                slot.Featurizer.Featurize(prepared, slot.Features);
                foreach (var model in models)
                {
                    var settings = model.Info.Window;
                    if (window && settings is null) continue;
                    var p = model.Predict(slot.Features);
                    var contributions = topContributions > 0 ? Explain(slot, model, prepared, topContributions) : [];
                    categories.Add(window
                        ? new CategoryScore(model.Info.Category, p, settings!.Threshold, contributions) { BlockThreshold = settings.BlockThreshold }
                        : new CategoryScore(model.Info.Category, p, model.Info.Threshold, contributions) { BlockThreshold = model.Info.EffectiveBlockThreshold });
                }
            }
            finally
            {
                pool.Return(slot);
            }
        }
        return new ToxicityScore(lang, categories);
    }

    private string ResolveLanguage(string text, string? language)
    {
        if (language is { Length: >= 2 } && _byLanguage.ContainsKey(language[..2].ToLowerInvariant())) return language[..2].ToLowerInvariant();
        if (language is null or "" or "auto")
        {
            var cjk = 0;
            var letters = 0;
            foreach (var c in text)
            {
                if (!char.IsLetter(c)) continue;
                letters++;
                if (Tokenizer.IsCjk(c)) cjk++;
            }
            if (letters > 0 && cjk * 3 >= letters && _byLanguage.ContainsKey("zh")) return "zh";
        }
        return _byLanguage.ContainsKey("en") ? "en" : _byLanguage.Keys.First();
    }

    private static IReadOnlyList<NgramContribution> Explain(FeaturizerPool.Slot slot, LoadedModel model, string prepared, int top)
    {
        var idx = slot.Features.Indices;
        var val = slot.Features.Values;
        var best = new List<(int Index, float Contribution)>(top + 1);
        for (var i = 0; i < idx.Length; i++)
        {
            var c = model.Weights[idx[i]] * val[i];
            if (c <= 0 || (best.Count == top && c <= best[^1].Contribution)) continue;
            var at = best.FindIndex(b => b.Contribution < c);
            best.Insert(at < 0 ? best.Count : at, (idx[i], c));
            if (best.Count > top) best.RemoveAt(top);
        }
        if (best.Count == 0) return [];
        var ngrams = slot.Featurizer.Explain(prepared, best.Select(b => b.Index));
        return best.Select(b => new NgramContribution(ngrams.TryGetValue(b.Index, out var n) ? n : [], b.Contribution)).ToList();
    }
}
