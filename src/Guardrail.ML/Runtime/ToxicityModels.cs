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
    private readonly Dictionary<string, List<ModelGroup>> _byLanguage;

    /// <summary>Models that share one featurisation, with their weights interleaved feature by feature.</summary>
    /// <remarks>
    /// A feature's weights for every category sit side by side, so a sentence's features cost one cache line each rather
    /// than one per model: at 2^20 features a model's weights are 4 MB, and the gather was the detector's main cost.
    /// </remarks>
    private sealed class ModelGroup
    {
        public ModelGroup(FeaturizerPool pool, List<LoadedModel> models)
        {
            (Pool, Models) = (pool, models);
            var dims = pool.Settings.Dimensions;
            Interleaved = new float[(long)dims * models.Count];
            for (var m = 0; m < models.Count; m++)
            {
                var w = models[m].Weights;
                for (var i = 0; i < dims; i++) Interleaved[(long)i * models.Count + m] = w[i];
            }
            WordSums = new WordSumScorer(pool.Settings, Interleaved, models.Count, models[0].Scale);
        }

        public FeaturizerPool Pool { get; }

        public List<LoadedModel> Models { get; }

        public float[] Interleaved { get; }

        /// <summary>Scores the group's models from per-word sums (see <see cref="WordSumScorer"/>).</summary>
        public WordSumScorer WordSums { get; }

        public void Deconstruct(out FeaturizerPool pool, out List<LoadedModel> models) => (pool, models) = (Pool, Models);
    }

    private ToxicityModels(ToxicityManifest manifest, List<LoadedModel> models, TimeSpan loadTime)
    {
        Manifest = manifest;
        LoadTime = loadTime;
        // Models of one language with equal feature settings share one featurisation per text; a model with its own
        // per-feature scales (FeatureSettings.Weighting) gets its own featurizer.
        _byLanguage = models.GroupBy(m => m.Info.Language).ToDictionary(
            g => g.Key,
            g => g.GroupBy(m => (m.Info.Features, Scale: (object?)m.Scale ?? m.Info.Features))
                .Select(s => new ModelGroup(new FeaturizerPool(s.Key.Features, s.First().Scale), s.ToList())).ToList());
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

    /// <summary>Distinct words the word-sum path keeps for <paramref name="language"/> (see <see cref="WordSumScorer"/>).</summary>
    internal int CachedWords(string language) => _byLanguage.TryGetValue(language, out var groups) ? groups.Sum(g => g.WordSums.CachedWords) : 0;

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
        ScorePrepared(ToxicityText.Prepare(text), ResolveLanguage(text, language), topContributions, window: false);

    /// <summary>
    /// Scores <paramref name="window"/>, a window cut from a long sentence of <paramref name="language"/>
    /// (<see cref="SentenceWindows"/>), with the models that score windows; each category carries the window thresholds of
    /// its model (<see cref="WindowSettings"/>), so a calibrated window score means the same operating point as a sentence's.
    /// </summary>
    public ToxicityScore ScoreWindow(string window, string language, int topContributions = 0) =>
        ScorePrepared(ToxicityText.Prepare(window), ResolveLanguage(window, language), topContributions, window: true);

    /// <summary>
    /// Scores text already passed through <see cref="ToxicityText.Prepare"/> (a sentence, or with <paramref name="window"/>
    /// a window cut from a prepared sentence) with the models of <paramref name="language"/>, which must be one of
    /// <see cref="Languages"/>. The detector prepares each sentence once and cuts its windows from that, so no
    /// character is folded twice.
    /// </summary>
    public ToxicityScore ScorePrepared(ReadOnlySpan<char> prepared, string language, int topContributions, bool window) =>
        ScorePrepared(prepared, language, topContributions, window, explain: null);

    /// <summary>
    /// The detector's explanation pass: like <see cref="ScorePrepared(ReadOnlySpan{char}, string, int, bool)"/>, but n-gram
    /// contributions only for <paramref name="category"/> (the finding being explained, not every category of the
    /// language), and featurised into the small local table of <see cref="SentenceFeaturizer"/> rather than the dense
    /// 2^18-slot one: the pass runs on the request path for every score at or above the flag point.
    /// </summary>
    public ToxicityScore ExplainPrepared(string prepared, string language, string category, int topContributions, bool window) =>
        ScorePrepared(prepared, language, topContributions, window, explain: category);

    private ToxicityScore ScorePrepared(ReadOnlySpan<char> prepared, string language, int topContributions, bool window, string? explain)
    {
        var categories = new List<CategoryScore>(4);
        foreach (var (pool, models) in _byLanguage[language])
        {
            if (window && models.All(m => m.Info.Window is null)) continue;
            if (explain is not null && models.All(m => m.Info.Category != explain)) continue;
            var slot = pool.Get();
            try
            {
                // Features come out in slot order from the local featurizer: dot products and contributions do not need sorted indices.
                if (explain is null) slot.Featurizer.Featurize(prepared, slot.Features);
                else slot.Sentence.Featurize(prepared.ToString(), slot.Features, windows: false);
                foreach (var model in models)
                {
                    if (window && model.Info.Window is null) continue;
                    if (explain is not null && model.Info.Category != explain) continue;
                    var p = model.Predict(slot.Features);
                    var contributions = topContributions > 0 ? Explain(slot, model, prepared.ToString(), topContributions) : [];
                    categories.Add(ScoreOf(model, p, window, contributions));
                }
            }
            finally
            {
                pool.Return(slot);
            }
        }
        return new ToxicityScore(language, categories);
    }

    /// <summary>
    /// Scores a prepared sentence of <paramref name="language"/> (one of <see cref="Languages"/>) and each of its
    /// <paramref name="windows"/> (ranges into it, cut by <see cref="SentenceWindows"/>): the sentence is featurised once and
    /// each window is counted from the sentence's n-grams that lie inside it (<see cref="SentenceFeaturizer"/>).
    /// </summary>
    /// <returns>The sentence's score, then one per window (with the window models and thresholds), in order.</returns>
    public IReadOnlyList<ToxicityScore> ScoreSentence(string prepared, string language, IReadOnlyList<Range> windows) =>
        ScoreSentence(prepared, language, windows, everyModel: false);

    /// <summary>
    /// <see cref="ScoreSentence(string, string, IReadOnlyList{Range})"/>; with <paramref name="everyModel"/> every model scores the
    /// windows (with its sentence thresholds), as window tuning needs before any model has window settings.
    /// </summary>
    internal IReadOnlyList<ToxicityScore> ScoreSentence(string prepared, string language, IReadOnlyList<Range> windows, bool everyModel) =>
        ScoreSentence(prepared, language, windows, everyModel, wordSums: true);

    /// <summary>
    /// <see cref="ScoreSentence(string, string, IReadOnlyList{Range}, bool)"/>; with <paramref name="wordSums"/> false every
    /// sentence takes the featurizer path (the reference <see cref="WordSumScorer"/> is tested against).
    /// </summary>
    internal IReadOnlyList<ToxicityScore> ScoreSentence(string prepared, string language, IReadOnlyList<Range> windows, bool everyModel, bool wordSums)
    {
        var sentence = new List<CategoryScore>(8);
        var perWindow = new List<CategoryScore>[windows.Count];
        for (var w = 0; w < perWindow.Length; w++) perWindow[w] = new List<CategoryScore>(8);
        var groups = _byLanguage[language];
        var most = 0;
        foreach (var g in groups) most = Math.Max(most, g.Models.Count);
        var rawBuffer = most <= 32 ? stackalloc double[most] : new double[most];
        var windowBuffer = windows.Count * most <= 256 ? stackalloc double[windows.Count * most] : new double[windows.Count * most];
        foreach (var group in groups)
        {
            var (pool, models) = group;
            var mc = models.Count;
            var windowed = windows.Count > 0 && (everyModel || models.Any(m => m.Info.Window is not null));
            var scoredWindows = windowed ? windows : [];
            var raw = rawBuffer[..mc];
            var windowRaw = windowBuffer[..(scoredWindows.Count * mc)];
            var slot = pool.Get();
            try
            {
                slot.Words ??= new WordSumScorer.Scratch(pool.Settings.Dimensions);
                if (!wordSums || !group.WordSums.TryScore(prepared, scoredWindows, slot.Words, raw, windowRaw))
                {
                    FeaturizerRaw(group, slot, prepared, scoredWindows, raw, windowRaw);
                }
            }
            finally
            {
                pool.Return(slot);
            }
            for (var m = 0; m < mc; m++) sentence.Add(ScoreOf(models[m], models[m].Calibrate(models[m].Bias + raw[m]), window: false, []));
            for (var w = 0; w < scoredWindows.Count; w++)
            {
                for (var m = 0; m < mc; m++)
                {
                    var model = models[m];
                    if (model.Info.Window is null && !everyModel) continue;
                    perWindow[w].Add(ScoreOf(model, model.Calibrate(model.Bias + windowRaw[w * mc + m]), window: true, []));
                }
            }
        }
        var result = new ToxicityScore[windows.Count + 1];
        result[0] = new ToxicityScore(language, sentence);
        for (var w = 0; w < perWindow.Length; w++) result[w + 1] = new ToxicityScore(language, perWindow[w]);
        return result;
    }

    // The featurizer path: the sentence's features into a local table, every model's weights gathered once, and each
    // window counted from the sentence's n-grams that lie inside it. Raw scores without the bias, as WordSumScorer gives.
    private static void FeaturizerRaw(ModelGroup group, FeaturizerPool.Slot slot, string prepared, IReadOnlyList<Range> windows, Span<double> raw, Span<double> windowRaw)
    {
        var models = group.Models;
        var features = slot.Features;
        slot.Sentence.Featurize(prepared, features, windows.Count > 0);
        var k = features.Count;
        var mc = models.Count;
        if (slot.LocalWeights.Length < k * mc) slot.LocalWeights = new float[Math.Max(k * mc, slot.LocalWeights.Length * 2)];
        var idx = features.Indices;
        var val = features.Values;
        // One pass gathers every model's weights of the sentence's features (model m of slot i at m * k + i).
        var interleaved = group.Interleaved;
        var gathered = slot.LocalWeights;
        for (var i = 0; i < k; i++)
        {
            var at = (long)idx[i] * mc;
            for (var m = 0; m < mc; m++) gathered[m * k + i] = interleaved[at + m];
        }
        for (var m = 0; m < mc; m++)
        {
            var local = gathered.AsSpan(m * k, k);
            double sum = 0;
            for (var i = 0; i < k; i++) sum += local[i] * val[i];
            raw[m] = sum;
        }
        for (var w = 0; w < windows.Count; w++)
        {
            // Window features are local slots; their weights were gathered for the sentence above.
            slot.Sentence.FeaturizeWindow(windows[w], slot.Window);
            var wIdx = slot.Window.Indices;
            var wVal = slot.Window.Values;
            for (var m = 0; m < mc; m++)
            {
                var local = gathered.AsSpan(m * k, k);
                double sum = 0;
                for (var i = 0; i < wIdx.Length; i++) sum += local[wIdx[i]] * wVal[i];
                windowRaw[w * mc + m] = sum;
            }
        }
    }

    // A model's score with its operating points: a window's where the model has window settings, else the sentence's.
    private static CategoryScore ScoreOf(LoadedModel model, float probability, bool window, IReadOnlyList<NgramContribution> contributions) =>
        window && model.Info.Window is { } w
            ? new CategoryScore(model.Info.Category, probability, w.Threshold, contributions) { BlockThreshold = w.BlockThreshold }
            : new CategoryScore(model.Info.Category, probability, model.Info.Threshold, contributions) { BlockThreshold = model.Info.EffectiveBlockThreshold };

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
