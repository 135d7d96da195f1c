using System.Globalization;
using Guardrail.ML.Data;
using Guardrail.ML.Runtime;

namespace Guardrail.ML.Training;

/// <summary>
/// Chooses how the shipped models score windows inside long sentences (<see cref="WindowSettings"/>), on dev only, and
/// writes them into the manifest; the models themselves are untouched. Part of <c>train toxicity</c>, and alone with
/// <c>train toxicity --windows-only</c>.
/// </summary>
/// <remarks>
/// The best of many windows of a benign run-on is higher than its whole-sentence score, so a window at the sentence's
/// thresholds would flag long benign sentences the sentence never flagged (on COLD's safe rows joined into run-ons, 0.13
/// became about 0.5). Each model's window flag (block) threshold is therefore the smallest on the 0.01 grid, from the
/// model's own flag (block) threshold up to 0.99, at which windows add at most <see cref="AddedFalsePositiveRate"/> to the
/// share of dev benign run-ons flagged (blocked); 1 (never) when none does. Per language, the window size is the one of
/// <see cref="Sizes"/> whose thresholds catch most dev padding attacks at the block point (the answer rule acts there),
/// averaged over clause lengths (<see cref="Strata"/>): most dev toxic rows are long tweets, which favour long windows,
/// while the attack that matters is as often a short insult, which a long window dilutes again. Ties go to the larger
/// window (fewer prediction calls). The stride is half the size.
/// </remarks>
public static class WindowTuning
{
    /// <summary>How much windows may add to the share of benign dev run-ons flagged, or blocked: one in a hundred.</summary>
    public const double AddedFalsePositiveRate = 0.01;

    /// <summary>Window sizes compared per language: words for English, characters for Chinese.</summary>
    public static IReadOnlyDictionary<string, int[]> Sizes { get; } = new Dictionary<string, int[]>
    {
        ["en"] = [12, 16, 24, 32],
        ["zh"] = [40, 60, 80, 120],
    };

    /// <summary>Upper bounds (in units) of the clause-length strata the padding attacks are averaged over; the last stratum is open.</summary>
    public static IReadOnlyDictionary<string, int[]> Strata { get; } = new Dictionary<string, int[]>
    {
        ["en"] = [8, 16],
        ["zh"] = [15, 40],
    };

    /// <summary>Tunes the window settings of the models in <paramref name="modelsDir"/> on the dev split and rewrites their manifest.</summary>
    public static ToxicityManifest Run(ToxicityData data, string modelsDir, TextWriter log)
    {
        var manifest = Tune(ToxicityModels.Load(modelsDir), LongSentenceSets.Build(data, Split.Dev), log);
        manifest.Save(modelsDir);
        log.WriteLine($"wrote window settings into {Path.Combine(modelsDir, ToxicityManifest.FileName)}");
        return manifest;
    }

    /// <summary>The manifest of <paramref name="models"/> with window settings chosen on <paramref name="dev"/>.</summary>
    public static ToxicityManifest Tune(ToxicityModels models, IReadOnlyList<LongSentenceSets> dev, TextWriter log)
    {
        var chosen = new Dictionary<string, WindowSettings>();
        foreach (var set in dev)
        {
            var own = models.Manifest.Models.Where(m => m.Language == set.Language).ToList();
            var toxicity = own.FirstOrDefault(m => m.Category == "toxicity");
            if (toxicity is null || !Sizes.TryGetValue(set.Language, out var sizes)) continue;
            var runOns = set.BenignRunOns.Select(t => new WindowedScores(models, t, set.Language)).ToList();
            var padded = set.PaddedToxic.Select(t => new WindowedScores(models, t, set.Language)).ToList();
            var bounds = Strata[set.Language];
            var strata = set.ToxicClauses.Select((c, i) => (Stratum: Stratum(SentenceWindows.CountUnits(c), bounds), Index: i))
                .GroupBy(x => x.Stratum).Select(g => g.Select(x => padded[x.Index]).ToList()).ToList();
            log.WriteLine($"windows {set.Language}: {runOns.Count} benign run-ons, {padded.Count} padded toxic clauses (dev); added false-positive allowance {AddedFalsePositiveRate:F2}");
            (int Size, Dictionary<string, WindowSettings> Settings, double Caught)? best = null;
            foreach (var size in sizes)
            {
                var stride = size / 2;
                foreach (var s in runOns.Concat(padded)) s.Windows(size, stride);
                var settings = own.ToDictionary(m => m.Name, m => Settings(m, runOns, size, stride, AddedFalsePositiveRate));
                var w = settings[toxicity.Name];
                var caught = strata.Average(g => Rate(g, toxicity.Category, toxicity.EffectiveBlockThreshold, w.BlockThreshold));
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  size {size}/{stride}: {string.Join(", ", settings.Select(kv => $"{kv.Key} window flag {kv.Value.Threshold:F2} block {kv.Value.BlockThreshold:F2}"))}; padded caught at block {Rate(padded, toxicity.Category, toxicity.EffectiveBlockThreshold, 2):F3} -> {Rate(padded, toxicity.Category, toxicity.EffectiveBlockThreshold, w.BlockThreshold):F3} (mean over clause lengths {caught:F3}), run-ons blocked {Rate(runOns, toxicity.Category, toxicity.EffectiveBlockThreshold, 2):F3} -> {Rate(runOns, toxicity.Category, toxicity.EffectiveBlockThreshold, w.BlockThreshold):F3}"));
                // Other allowances, for the record: what a looser operating point would buy and cost.
                foreach (var allowance in new[] { 0.02, 0.05, 0.10 })
                {
                    var loose = Settings(toxicity, runOns, size, stride, allowance);
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    allowance {allowance:F2}: window block {loose.BlockThreshold:F2}, padded caught {Rate(padded, toxicity.Category, toxicity.EffectiveBlockThreshold, loose.BlockThreshold):F3}, run-ons blocked {Rate(runOns, toxicity.Category, toxicity.EffectiveBlockThreshold, loose.BlockThreshold):F3}"));
                }
                if (best is null || caught >= best.Value.Caught) best = (size, settings, caught);
            }
            log.WriteLine($"  chose size {best!.Value.Size}");
            foreach (var (name, w) in best.Value.Settings) chosen[name] = w;
        }
        return models.Manifest with
        {
            Models = models.Manifest.Models.Select(m => chosen.TryGetValue(m.Name, out var w) ? m with { Window = w } : m).ToList(),
        };
    }

    private static int Stratum(int units, int[] bounds)
    {
        var i = 0;
        while (i < bounds.Length && units > bounds[i]) i++;
        return i;
    }

    private static WindowSettings Settings(ManifestModel model, List<WindowedScores> runOns, int size, int stride, double allowance)
    {
        var flag = Threshold(runOns, model.Category, model.Threshold, allowance);
        var block = Math.Max(flag, Threshold(runOns, model.Category, model.EffectiveBlockThreshold, allowance));
        return new WindowSettings(size, stride, flag, block);
    }

    // The smallest window threshold at which windows add at most the allowance to the run-ons at this operating point.
    private static float Threshold(List<WindowedScores> runOns, string category, float sentenceThreshold, double allowance)
    {
        if (sentenceThreshold >= 1f) return ThresholdTuner.NeverBlock;
        var alone = Rate(runOns, category, sentenceThreshold, 2);
        for (var i = (int)MathF.Round(sentenceThreshold * 100); i <= 99; i++)
        {
            if (Rate(runOns, category, sentenceThreshold, i / 100f) - alone <= allowance + 1e-9) return i / 100f;
        }
        return ThresholdTuner.NeverBlock;
    }

    // Share of texts whose sentence reaches the sentence threshold or one of whose windows reaches the window threshold.
    private static double Rate(List<WindowedScores> texts, string category, float sentence, float window) =>
        texts.Count == 0 ? 0 : texts.Count(t => t.Sentence(category) >= sentence || t.Window(category) >= window) / (double)texts.Count;

    /// <summary>One long sentence's whole-sentence probabilities and, for the geometry last set, its best window per category.</summary>
    private sealed class WindowedScores(ToxicityModels models, string text, string language)
    {
        // Windows are cut from the prepared sentence and scored from its n-grams, exactly as the detector scores them.
        private readonly string _prepared = ToxicityText.Prepare(text);
        private ToxicityScore? _sentence;
        private Dictionary<string, float> _windows = [];

        public float Sentence(string category) => (_sentence ??= models.ScoreSentence(_prepared, language, [], everyModel: true)[0])[category]?.Probability ?? 0;

        public float Window(string category) => _windows.GetValueOrDefault(category);

        public void Windows(int size, int stride)
        {
            _windows = [];
            var scores = models.ScoreSentence(_prepared, language, SentenceWindows.Windows(_prepared, size, stride), everyModel: true);
            foreach (var window in scores.Skip(1))
            {
                foreach (var c in window.Categories)
                {
                    _windows[c.Category] = Math.Max(_windows.GetValueOrDefault(c.Category), c.Probability);
                }
            }
        }
    }
}
