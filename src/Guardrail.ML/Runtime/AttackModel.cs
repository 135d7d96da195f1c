using System.Diagnostics;
using Guardrail.ML.Features;
using Microsoft.ML;

namespace Guardrail.ML.Runtime;

/// <summary>
/// The shipped prompt-attack classifier (<c>models/attacks.json</c> and its zip), ready to score prepared texts
/// (<see cref="AttackText.Prepare"/>) from any number of threads: the whole text, and each window of a long one, with the
/// model for prompts or the one for documents (the same instruction is a request in a user turn and an injection in a tool result).
/// </summary>
public sealed class AttackModel
{
    private readonly Dictionary<AttackInput, SupportFunction.Linear> _linear;
    private readonly FeaturizerPool _pool;
    private readonly Dictionary<AttackInput, WordSumScorer> _wordSums;

    /// <summary>Wraps trained models, one per entry of <paramref name="manifest"/> (training uses this to score dev exactly as the proxy will).</summary>
    internal AttackModel(AttackManifest manifest, IReadOnlyDictionary<AttackInput, SupportFunction.Linear> linear)
    {
        Manifest = manifest;
        _linear = new Dictionary<AttackInput, SupportFunction.Linear>(linear);
        _pool = new FeaturizerPool(manifest.Features);
        _wordSums = _linear.ToDictionary(l => l.Key, l => new WordSumScorer(manifest.Features, l.Value.Weights, 1, null));
        if (_linear.TryGetValue(AttackInput.Document, out var document) && _linear.TryGetValue(AttackInput.Segment, out var segment))
        {
            // A tool result is read by the document and the segment model: their weights side by side, so one pass over the
            // text gives both (the words, their n-grams and the repeats are the expensive part, not the second dot product).
            var dims = manifest.Features.Dimensions;
            var both = new float[(long)dims * 2];
            for (var i = 0; i < dims; i++) (both[2L * i], both[2L * i + 1]) = (document.Weights[i], segment.Weights[i]);
            _documentAndSegment = new WordSumScorer(manifest.Features, both, 2, null);
        }
    }

    private readonly WordSumScorer? _documentAndSegment;

    /// <summary>The manifest the model was loaded from.</summary>
    public AttackManifest Manifest { get; }

    /// <summary>Version for verdicts, e.g. <c>attacks@2026-12-03+a1b2c3d</c>.</summary>
    public string Version => Manifest.Version;

    /// <summary>How long <see cref="Load"/> took.</summary>
    public TimeSpan LoadTime { get; private init; }

    /// <summary>Loads the manifest and model in <paramref name="modelsDir"/>.</summary>
    public static AttackModel Load(string modelsDir)
    {
        var clock = Stopwatch.StartNew();
        var manifest = AttackManifest.Load(modelsDir);
        var ml = new MLContext(seed: 1);
        var linear = manifest.Models.ToDictionary(m => m.Input, m => SupportFunction.Linear.Read(ml.Model.Load(Path.Combine(modelsDir, m.File), out _), manifest.Features.Dimensions));
        if (!linear.ContainsKey(AttackInput.Prompt) || !linear.ContainsKey(AttackInput.Document)) throw new InvalidDataException("attack manifest: needs a prompt and a document model");
        return new AttackModel(manifest, linear) { LoadTime = clock.Elapsed };
    }

    /// <summary>The probability that <paramref name="prepared"/>, read whole as <paramref name="input"/>, is a prompt attack.</summary>
    public float Probability(ReadOnlySpan<char> prepared, AttackInput input)
    {
        var slot = _pool.Get();
        try
        {
            // The local table (SentenceFeaturizer) gives the same features as the dense featurizer without touching its 2^18
            // slots: the dense arrays are cache misses on the request path. Indices come out unsorted; a dot product does not care.
            var linear = _linear[input];
            Span<double> raw = stackalloc double[1];
            slot.Words ??= new WordSumScorer.Scratch(Manifest.Features.Dimensions);
            if (_wordSums[input].TryScore(prepared, [], slot.Words, raw, [])) return linear.CalibratedProbability(linear.Bias + raw[0]);
            slot.Sentence.Featurize(prepared.ToString(), slot.Features, windows: false);
            return linear.Probability(slot.Features.Indices, slot.Features.Values);
        }
        finally
        {
            _pool.Return(slot);
        }
    }

    /// <summary>
    /// The highest probability of the whole text and of each window (<see cref="Windows"/>) of a text longer than one, and
    /// the window that reached it (null: the whole text). An instruction inserted into a long document is diluted in the
    /// whole text but not in its window.
    /// </summary>
    /// <remarks>
    /// The text is featurised once; a window's features are its n-grams that lie wholly inside it (a word the window cuts
    /// counts for neither part), counted from the text's and scored on weights gathered once: one featurisation per text,
    /// not one per window. Training scores dev the same way.
    /// </remarks>
    public (float Probability, Range? Window) Best(ReadOnlySpan<char> prepared, AttackInput input) => Best(prepared, input, wordSums: true);

    /// <summary><see cref="Best(ReadOnlySpan{char}, AttackInput)"/>; with <paramref name="wordSums"/> false always on the featurizer path (the reference).</summary>
    internal (float Probability, Range? Window) Best(ReadOnlySpan<char> prepared, AttackInput input, bool wordSums)
    {
        var windows = Windows(prepared.Length, Manifest.WindowSize, Manifest.WindowStride).ToList();
        var linear = _linear[input];
        var slot = _pool.Get();
        try
        {
            // Latin-script text: from per-word sums (WordSumScorer), no n-gram hashed or counted twice; CJK takes the featurizer.
            slot.Words ??= new WordSumScorer.Scratch(Manifest.Features.Dimensions);
            Span<double> raw = stackalloc double[1];
            var windowRaw = windows.Count <= 64 ? stackalloc double[windows.Count] : new double[windows.Count];
            if (wordSums && _wordSums[input].TryScore(prepared, windows, slot.Words, raw, windowRaw))
            {
                return Highest(linear, linear.Bias, windows, windowRaw, 1, 0, (linear.CalibratedProbability(linear.Bias + raw[0]), null));
            }
            var features = slot.Features;
            slot.Sentence.Featurize(prepared.ToString(), features, windows: windows.Count > 0);
            var whole = (linear.Probability(features.Indices, features.Values), (Range?)null);
            if (windows.Count == 0) return whole;
            RangeMargins(slot, linear, windows, windowRaw);
            return Highest(linear, 0, windows, windowRaw, 1, 0, whole);
        }
        finally
        {
            _pool.Return(slot);
        }
    }

    /// <summary>
    /// A document's two readings at once: <see cref="Best(ReadOnlySpan{char}, AttackInput)"/> with the document model and
    /// <see cref="BestSegment(ReadOnlySpan{char})"/>, the same values, from one pass over the text.
    /// </summary>
    public (float Document, Range? Window, float Segment, Range? SegmentRange) BestOfDocument(ReadOnlySpan<char> prepared)
    {
        if (_documentAndSegment is null)
        {
            var (alone, at) = Best(prepared, AttackInput.Document);
            return (alone, at, 0, null);
        }
        var windows = Windows(prepared.Length, Manifest.WindowSize, Manifest.WindowStride).ToList();
        var segments = DocumentSegments.Cut(prepared);
        var all = new List<Range>(windows.Count + segments.Count);
        all.AddRange(windows);
        all.AddRange(segments);
        var slot = _pool.Get();
        try
        {
            slot.Words ??= new WordSumScorer.Scratch(Manifest.Features.Dimensions);
            Span<double> raw = stackalloc double[2];
            var perWindow = all.Count <= 32 ? stackalloc double[2 * all.Count] : new double[2 * all.Count];
            if (_documentAndSegment.TryScore(prepared, all, slot.Words, raw, perWindow))
            {
                var (document, segment) = (_linear[AttackInput.Document], _linear[AttackInput.Segment]);
                var top = Highest(document, document.Bias, windows, perWindow, 2, 0, (document.CalibratedProbability(document.Bias + raw[0]), null));
                var best = OrNone(Highest(segment, segment.Bias, segments, perWindow[(2 * windows.Count)..], 2, 1, NoSegment));
                return (top.Probability, top.Range, best.Probability, best.Range);
            }
        }
        finally
        {
            _pool.Return(slot);
        }
        // CJK text: the featurizer path, one model at a time.
        var (d, window) = Best(prepared, AttackInput.Document, wordSums: false);
        var (sp, sr) = BestSegment(prepared, wordSums: false);
        return (d, window, sp, sr);
    }

    /// <summary>Whether the manifest has a segment model (<see cref="AttackInput.Segment"/>).</summary>
    public bool HasSegments => _linear.ContainsKey(AttackInput.Segment);

    /// <summary>
    /// The highest probability of the segment model over the segments of a prepared document (<see cref="DocumentSegments.Cut"/>),
    /// and the segment that reached it; (0, null) without a segment model or segments.
    /// </summary>
    public (float Probability, Range? Segment) BestSegment(ReadOnlySpan<char> prepared) => BestSegment(prepared, wordSums: true);

    /// <summary><see cref="BestSegment(ReadOnlySpan{char})"/>; with <paramref name="wordSums"/> false always on the featurizer path (the reference).</summary>
    internal (float Probability, Range? Segment) BestSegment(ReadOnlySpan<char> prepared, bool wordSums)
    {
        if (!_linear.TryGetValue(AttackInput.Segment, out var linear)) return (0, null);
        var segments = DocumentSegments.Cut(prepared);
        if (segments.Count == 0) return (0, null);
        var slot = _pool.Get();
        try
        {
            // Segments are scored as windows of the whole text (they hold whole words): one pass over the text for all of them.
            slot.Words ??= new WordSumScorer.Scratch(Manifest.Features.Dimensions);
            Span<double> raw = stackalloc double[1];
            var segmentRaw = segments.Count <= 64 ? stackalloc double[segments.Count] : new double[segments.Count];
            if (wordSums && _wordSums[AttackInput.Segment].TryScore(prepared, segments, slot.Words, raw, segmentRaw))
            {
                return OrNone(Highest(linear, linear.Bias, segments, segmentRaw, 1, 0, NoSegment));
            }
            slot.Sentence.Featurize(prepared.ToString(), slot.Features, windows: true);
            RangeMargins(slot, linear, segments, segmentRaw);
            return OrNone(Highest(linear, 0, segments, segmentRaw, 1, 0, NoSegment));
        }
        finally
        {
            _pool.Return(slot);
        }
    }

    // Below every probability, so the first segment is always taken: a document's best segment is some segment.
    private static readonly (float Probability, Range? Range) NoSegment = (-1f, null);

    private static (float Probability, Range? Range) OrNone((float Probability, Range? Range) best) => best.Range is null ? (0f, null) : best;

    /// <summary>
    /// The highest of <paramref name="from"/> and each range's probability, read from <paramref name="raw"/> at
    /// <c>i * stride + offset</c> (interleaved models) plus <paramref name="bias"/>; a later range must beat it strictly.
    /// </summary>
    private static (float Probability, Range? Range) Highest(
        SupportFunction.Linear linear, double bias, IReadOnlyList<Range> ranges, ReadOnlySpan<double> raw, int stride, int offset, (float Probability, Range? Range) from)
    {
        var best = from;
        for (var i = 0; i < ranges.Count; i++)
        {
            var p = linear.CalibratedProbability(bias + raw[i * stride + offset]);
            if (p > best.Probability) best = (p, ranges[i]);
        }
        return best;
    }

    // The featurizer path (the reference, and CJK text), after the text was featurised with windows: each range's margin,
    // bias included, from the n-grams wholly inside it, on weights gathered once into the slot's local table.
    private static void RangeMargins(FeaturizerPool.Slot slot, SupportFunction.Linear linear, IReadOnlyList<Range> ranges, Span<double> margins)
    {
        var k = slot.Features.Count;
        if (slot.LocalWeights.Length < k) slot.LocalWeights = new float[Math.Max(k, slot.LocalWeights.Length * 2)];
        var weights = linear.Weights;
        var idx = slot.Features.Indices;
        for (var i = 0; i < k; i++) slot.LocalWeights[i] = weights[idx[i]];
        for (var r = 0; r < ranges.Count; r++)
        {
            slot.Sentence.FeaturizeWindow(ranges[r], slot.Window);
            double margin = linear.Bias;
            var wIdx = slot.Window.Indices;
            var wVal = slot.Window.Values;
            for (var i = 0; i < wIdx.Length; i++) margin += slot.LocalWeights[wIdx[i]] * wVal[i];
            margins[r] = margin;
        }
    }

    /// <summary>The windows of a text of <paramref name="length"/> characters: none when it fits one, else every stride, the last ending at the end.</summary>
    public static IEnumerable<Range> Windows(int length, int size, int stride)
    {
        if (length <= size) yield break;
        for (var start = 0; ; start += stride)
        {
            if (start + size >= length)
            {
                yield return new Range(Math.Max(0, length - size), length);
                yield break;
            }
            yield return new Range(start, start + size);
        }
    }

    /// <summary>The <paramref name="top"/> n-gram features of <paramref name="prepared"/> that raised its score most, largest first.</summary>
    public IReadOnlyList<NgramContribution> Explain(string prepared, AttackInput input, int top)
    {
        if (top <= 0) return [];
        var slot = _pool.Get();
        try
        {
            slot.Featurizer.Featurize(prepared, slot.Features);
            var indices = slot.Features.Indices;
            var values = slot.Features.Values;
            var weights = _linear[input].Weights;
            var ranked = new List<(int Index, float Contribution)>();
            for (var i = 0; i < indices.Length; i++)
            {
                var c = weights[indices[i]] * values[i];
                if (c > 0) ranked.Add((indices[i], c));
            }
            ranked.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));
            var chosen = ranked.Take(top).ToList();
            var ngrams = slot.Featurizer.Explain(prepared, chosen.Select(c => c.Index));
            return [.. chosen.Select(c => new NgramContribution(ngrams.TryGetValue(c.Index, out var n) ? n : [], c.Contribution))];
        }
        finally
        {
            _pool.Return(slot);
        }
    }
}
