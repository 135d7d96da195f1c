using System.Runtime.CompilerServices;

namespace Guardrail.ML.Features;

/// <summary>
/// The run-time featurizer of the detector: the same features as <see cref="NgramFeaturizer"/> for a sentence, counted in
/// a small table local to the sentence, and then the features of any window of it from the n-grams it holds.
/// </summary>
/// <remarks>
/// <see cref="NgramFeaturizer"/> counts into a dense array of 2^20 slots, and at that size every n-gram is a cache miss;
/// with a sentence, its windows and several category models that was most of what the proxy paid per answer. Here a
/// sentence's distinct features get <em>local slots</em> (an open-addressing table sized to the sentence), each n-gram
/// occurrence remembers its slot and character span, and a window is counted from the occurrences inside it without
/// tokenising or hashing again. Features come out in slot order, not index order: the detector's dot products do not need
/// sorted indices (training, which hands vectors to ML.NET, uses <see cref="NgramFeaturizer"/>). A window's n-grams are
/// the sentence's n-grams that lie wholly inside it: for a window that cuts a CJK run (a run is one token) that leaves out
/// the run's boundary n-grams at the cut, which the window's own operating points are tuned with.
/// Not thread-safe; pool one per thread.
/// </remarks>
public sealed class SentenceFeaturizer
{
    private readonly float[]? _scale;
    private readonly int _half;
    private Token[] _tokens = new Token[64];
    private int[] _keys = new int[2048];
    private int[] _table = new int[2048];
    private int _tableBits = 11;
    private int[] _slotIndex = new int[512];
    private int[] _slotCount = new int[512];
    private int[] _windowCount = new int[512];
    private int _slots;
    private Occurrence[] _occurrences = new Occurrence[1024];
    private int _occurrenceCount;
    private bool _record;

    /// <summary>Creates a featurizer for <paramref name="settings"/>, with an optional per-feature scale (see <see cref="FeatureWeighting"/>).</summary>
    public SentenceFeaturizer(FeatureSettings settings, float[]? scale = null)
    {
        if (scale is not null && scale.Length != settings.Dimensions) throw new ArgumentException($"{scale.Length} scales for {settings.Dimensions} features", nameof(scale));
        Settings = settings;
        _scale = scale;
        _half = settings.Dimensions >> 1;
    }

    /// <summary>The feature settings.</summary>
    public FeatureSettings Settings { get; }

    /// <summary>Distinct features of the sentence last featurised; slot k is feature <see cref="SlotIndices"/>[k].</summary>
    public ReadOnlySpan<int> SlotIndices => _slotIndex.AsSpan(0, _slots);

    /// <summary>
    /// Featurises a prepared sentence (see <c>ToxicityText.Prepare</c>): the features of <see cref="NgramFeaturizer.Featurize"/>,
    /// with <see cref="SparseFeatures.Indices"/> the feature indices in slot order (index k is slot k).
    /// </summary>
    /// <remarks>With <paramref name="windows"/> false, occurrences are not kept and <see cref="FeaturizeWindow"/> finds none.</remarks>
    public void Featurize(string prepared, SparseFeatures output, bool windows = true)
    {
        Reset(prepared.Length);
        _record = windows;
        var tokens = Tokenize(prepared);
        var sink = new Sink(this, _tokens);
        NgramEnumerator.Enumerate(prepared, tokens, Settings, ref sink);
        Write(_slotCount, output, local: false);
    }

    /// <summary>
    /// The features of the characters <paramref name="range"/> of the sentence last featurised, with
    /// <see cref="SparseFeatures.Indices"/> holding <em>slots</em> (map them through <see cref="SlotIndices"/>).
    /// </summary>
    public void FeaturizeWindow(Range range, SparseFeatures output)
    {
        var (start, length) = range.GetOffsetAndLength(int.MaxValue);
        var end = start + length;
        Array.Clear(_windowCount, 0, _slots);
        for (var i = 0; i < _occurrenceCount; i++)
        {
            ref readonly var o = ref _occurrences[i];
            if (o.Start >= start && o.End <= end) _windowCount[o.Slot]++;
        }
        Write(_windowCount, output, local: true);
    }

    private void Reset(int length)
    {
        // About seven n-grams per character at the widest settings; a table at most half full keeps probes short.
        var expected = Math.Max(64, length * (Settings.CharNgramMax - Settings.CharNgramMin + 4));
        var bits = 11;
        while ((1 << bits) < expected * 2) bits++;
        if (bits > _tableBits || _keys.Length < (1 << bits))
        {
            _keys = new int[1 << bits];
            _table = new int[1 << bits];
            _tableBits = bits;
        }
        else
        {
            // Only the keys say whether an entry is taken; a stale slot number behind a cleared key is never read.
            Array.Clear(_keys);
        }
        _slots = 0;
        _occurrenceCount = 0;
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

    // The hot path: one probe of a table that holds its keys (feature index + 1), so a hit costs one load, not two.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(int index)
    {
        var keys = _keys;
        var mask = keys.Length - 1;
        var key = index + 1;
        var h = (int)(((uint)index * 0x9E3779B1u) >> (32 - _tableBits)) & mask;
        while (true)
        {
            var k = keys[h];
            if (k == key) return _table[h];
            if (k == 0) return NewSlot(h, index);
            h = (h + 1) & mask;
        }
    }

    private int NewSlot(int h, int index)
    {
        var slot = _slots++;
        if (slot == _slotIndex.Length) GrowSlots();
        _slotIndex[slot] = index;
        _slotCount[slot] = 0;
        _keys[h] = index + 1;
        _table[h] = slot;
        return slot;
    }

    private void Record(int slot, int start, int end)
    {
        if (_occurrenceCount == _occurrences.Length) Array.Resize(ref _occurrences, _occurrences.Length * 2);
        _occurrences[_occurrenceCount++] = new Occurrence(slot, start, end);
    }

    private void GrowSlots()
    {
        var size = _slotIndex.Length * 2;
        Array.Resize(ref _slotIndex, size);
        Array.Resize(ref _slotCount, size);
        _windowCount = new int[size];
    }

    // Sublinear tf, per-feature scale, and each block (words, characters) L2-normalised and weighted: NgramFeaturizer's
    // Collect, over local slots.
    private void Write(int[] counts, SparseFeatures output, bool local)
    {
        output.EnsureCapacity(_slots);
        var idx = output.IndexArray;
        var val = output.ValueArray;
        var n = 0;
        double wordNorm = 0, charNorm = 0;
        for (var k = 0; k < _slots; k++)
        {
            var c = counts[k];
            if (c == 0) continue;
            var i = _slotIndex[k];
            var v = SublinearTf.Of(c);
            if (_scale is not null) v *= _scale[i];
            idx[n] = local ? k : i;
            val[n++] = v;
            if (i < _half) wordNorm += v * v; else charNorm += v * v;
        }
        var wordScale = wordNorm > 0 ? Settings.WordWeight / Math.Sqrt(wordNorm) : 0;
        var charScale = charNorm > 0 ? 1 / Math.Sqrt(charNorm) : 0;
        var total = Math.Sqrt((wordNorm > 0 ? Settings.WordWeight * Settings.WordWeight : 0) + (charNorm > 0 ? 1 : 0));
        var ws = total > 0 ? (float)(wordScale / total) : 0f;
        var cs = total > 0 ? (float)(charScale / total) : 0f;
        for (var k = 0; k < n; k++) val[k] *= (local ? _slotIndex[idx[k]] : idx[k]) < _half ? ws : cs;
        output.Count = n;
    }

    /// <summary>An n-gram of the sentence: its local slot and the characters it reads.</summary>
    private readonly record struct Occurrence(int Slot, int Start, int End);

    private readonly struct Sink(SentenceFeaturizer owner, Token[] tokens) : INgramSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int index, NgramRef ngram)
        {
            var slot = owner.SlotOf(index);
            owner._slotCount[slot]++;
            if (owner._record) Record(slot, ngram);
        }

        private void Record(int slot, NgramRef ngram)
        {
            var tok = tokens[ngram.Token];
            int start, end;
            switch (ngram.Kind)
            {
                case NgramKind.Word:
                    (start, end) = (tok.Start, tok.Start + tok.Length);
                    break;
                case NgramKind.WordPair:
                    (start, end) = (tok.Start, tokens[ngram.Token + 1].Start + tokens[ngram.Token + 1].Length);
                    break;
                case NgramKind.WordTriple:
                    (start, end) = (tok.Start, tokens[ngram.Token + 2].Start + tokens[ngram.Token + 2].Length);
                    break;
                case NgramKind.Context:
                    (start, end) = (ngram.Offset, ngram.Offset + ngram.Length);
                    break;
                default:
                    // Offsets are on the word read as "<word>": a boundary marker spans no character of its own.
                    start = tok.Start + Math.Max(ngram.Offset - 1, 0);
                    end = tok.Start + Math.Min(ngram.Offset - 1 + ngram.Length, tok.Length);
                    break;
            }
            owner.Record(slot, start, end);
        }
    }
}
