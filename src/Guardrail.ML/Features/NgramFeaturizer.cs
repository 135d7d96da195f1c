using System.Numerics;

namespace Guardrail.ML.Features;

/// <summary>
/// Turns prepared text into hashed word and character n-gram features (sublinear tf, L2-normalised per block),
/// and maps a feature index back to the n-grams of a text that produced it.
/// </summary>
/// <remarks>
/// Not thread-safe: it owns scratch buffers (a dense accumulator and a bitmap of touched slots) so that a text
/// is featurised without hashing into a dictionary or sorting; pool one per thread. Walking the bitmap yields
/// indices already in ascending order, which ML.NET's sparse vectors require.
/// </remarks>
public sealed class NgramFeaturizer
{
    private readonly float[] _counts;
    private readonly ulong[] _touched;
    private readonly TouchedWords _words = new();
    private readonly float[]? _scale;
    private Token[] _tokens = new Token[64];

    /// <summary>Creates a featurizer for <paramref name="settings"/>, with an optional per-feature scale (see <see cref="FeatureWeighting"/>).</summary>
    public NgramFeaturizer(FeatureSettings settings, float[]? scale = null)
    {
        if (scale is not null && scale.Length != settings.Dimensions) throw new ArgumentException($"{scale.Length} scales for {settings.Dimensions} features", nameof(scale));
        Settings = settings;
        _scale = scale;
        _counts = new float[settings.Dimensions];
        _touched = new ulong[settings.Dimensions / 64];
    }

    /// <summary>The feature settings.</summary>
    public FeatureSettings Settings { get; }

    /// <summary>Featurises <paramref name="prepared"/> (already passed through <c>ToxicityText.Prepare</c>) into <paramref name="output"/>.</summary>
    public void Featurize(ReadOnlySpan<char> prepared, SparseFeatures output)
    {
        var tokens = Tokenize(prepared);
        var sink = new CountSink(_counts, _touched, _words);
        NgramEnumerator.Enumerate(prepared, tokens, Settings, ref sink);
        Collect(output);
    }

    /// <summary>The n-grams of <paramref name="prepared"/> that hash to each of <paramref name="indices"/>.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> Explain(string prepared, IEnumerable<int> indices)
    {
        var tokens = Tokenize(prepared).ToArray();
        var sink = new ExplainSink(new HashSet<int>(indices));
        NgramEnumerator.Enumerate(prepared, tokens, Settings, ref sink);
        var result = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var (index, refs) in sink.Found)
        {
            result[index] = refs.Select(r => NgramEnumerator.Describe(prepared, tokens, r)).Distinct().ToList();
        }
        return result;
    }

    private ReadOnlySpan<Token> Tokenize(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var n = Tokenizer.Split(text, _tokens);
            if (n < _tokens.Length) return _tokens.AsSpan(0, n);
            _tokens = new Token[_tokens.Length * 2];
        }
    }

    private void Collect(SparseFeatures output)
    {
        var half = Settings.Dimensions >> 1;
        // Only the bitmap words this text touched are visited (sorted, so indices come out ascending): a short
        // sentence costs as little as its n-grams, not a walk over all 2^20 / 64 words.
        var words = _words.Slots.AsSpan(0, _words.Count);
        words.Sort();
        var count = 0;
        foreach (var w in words) count += BitOperations.PopCount(_touched[w]);
        output.EnsureCapacity(count);
        var idx = output.IndexArray;
        var val = output.ValueArray;
        var n = 0;
        double wordNorm = 0, charNorm = 0;
        foreach (var w in words)
        {
            var bits = _touched[w];
            _touched[w] = 0;
            while (bits != 0)
            {
                var i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                // Sublinear tf: a repeated slur should count more than once, but not linearly more.
                var v = 1f + MathF.Log(_counts[i]);
                if (_scale is not null) v *= _scale[i];
                _counts[i] = 0;
                idx[n] = i;
                val[n++] = v;
                if (i < half) wordNorm += v * v; else charNorm += v * v;
            }
        }
        _words.Count = 0;
        var wordScale = wordNorm > 0 ? Settings.WordWeight / Math.Sqrt(wordNorm) : 0;
        var charScale = charNorm > 0 ? 1 / Math.Sqrt(charNorm) : 0;
        var total = Math.Sqrt((wordNorm > 0 ? Settings.WordWeight * Settings.WordWeight : 0) + (charNorm > 0 ? 1 : 0));
        var ws = total > 0 ? (float)(wordScale / total) : 0f;
        var cs = total > 0 ? (float)(charScale / total) : 0f;
        for (var k = 0; k < n; k++) val[k] *= idx[k] < half ? ws : cs;
        output.Count = n;
    }

    private readonly struct CountSink(float[] counts, ulong[] touched, TouchedWords words) : INgramSink
    {
        public void Add(int index, NgramRef ngram)
        {
            counts[index] += 1f;
            ref var word = ref touched[index >> 6];
            if (word == 0) words.Add(index >> 6);
            word |= 1UL << (index & 63);
        }
    }

    /// <summary>The bitmap words set since the last collect, so collecting skips the untouched ones.</summary>
    private sealed class TouchedWords
    {
        public int[] Slots = new int[256];
        public int Count;

        public void Add(int slot)
        {
            if (Count == Slots.Length) Array.Resize(ref Slots, Slots.Length * 2);
            Slots[Count++] = slot;
        }
    }

    private readonly struct ExplainSink(HashSet<int> wanted) : INgramSink
    {
        public Dictionary<int, List<NgramRef>> Found { get; } = new();

        public void Add(int index, NgramRef ngram)
        {
            if (!wanted.Contains(index)) return;
            if (!Found.TryGetValue(index, out var list)) Found[index] = list = new List<NgramRef>();
            list.Add(ngram);
        }
    }
}
