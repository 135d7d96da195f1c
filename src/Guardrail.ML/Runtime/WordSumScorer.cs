using System.Collections.Concurrent;
using Guardrail.ML.Features;

namespace Guardrail.ML.Runtime;

/// <summary>
/// Scores a group of linear models over one featurisation (<see cref="SentenceFeaturizer"/>'s features of a sentence and
/// of its windows) from per-word partial sums, so the proxy does not hash and count every character n-gram of every
/// sentence it sees.
/// </summary>
/// <remarks>
/// <para>A word's unigram and character n-grams depend on the word alone, and with sublinear tf the dot product splits:
/// Σⱼ wⱼ sⱼ tf(cⱼ) = Σ over occurrences of wⱼ sⱼ + Σ over features seen twice or more of wⱼ sⱼ (tf(cⱼ) − cⱼ), and the
/// block norm the same way with sⱼ². So each distinct word (folded, as the models read it) keeps, once, every model's
/// weighted sum of its n-grams; a sentence adds its words' sums, finds the few features that occur more than once
/// (a bitmap over the hashed space) and corrects for them exactly. Word pairs, triples and context features depend on
/// neighbours and are gathered per occurrence. A window of the sentence is a run of whole words, so its sums are
/// differences of prefix sums plus the corrections of the repeated features inside it; a window of characters (the attack
/// model's) adds the n-grams inside it of the one or two words it cuts.</para>
/// <para>The result is the same score as featurising and taking dot products (to float rounding: the sums are taken in
/// another order; <c>WordSumScorerTests</c> compares the two on the functional suite and the team's attack texts). Texts with
/// CJK runs (a run is one token, many characters long, and windows cut runs) take the featurizer path instead.</para>
/// <para>The word table is shared by all threads and bounded (<see cref="MaxCachedWords"/>); once full, new words are
/// computed per use and not kept, so a flood of unique words costs time, never memory.</para>
/// </remarks>
internal sealed class WordSumScorer
{
    /// <summary>At most this many distinct words are kept per model group (about 250 bytes each).</summary>
    public const int MaxCachedWords = 50_000;

    private readonly FeatureSettings _settings;
    private readonly FeatureSettings _wordOnly;
    private readonly float[] _interleaved;
    private readonly float[]? _scale;
    private readonly int _mc;
    private readonly int _half;
    private readonly uint _mask;
    private readonly ConcurrentDictionary<string, WordEntry> _words = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WordEntry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private int _kept;

    public WordSumScorer(FeatureSettings settings, float[] interleaved, int models, float[]? scale)
    {
        _settings = settings;
        // A word alone: its unigram and character n-grams, no neighbours and no context cues.
        _wordOnly = settings with { WordNgramMax = 1, ContextWindow = 0 };
        _interleaved = interleaved;
        _mc = models;
        _scale = scale;
        _half = settings.Dimensions >> 1;
        _mask = (uint)(_half - 1);
        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Per sums array: the word block's dot per model, the character block's dot per model, then the two squared norms.</summary>
    private int Width => 2 * _mc + 2;

    /// <summary>Number of distinct words kept.</summary>
    public int CachedWords => Volatile.Read(ref _kept);

    /// <summary>A word's distinct features, their counts in it, and its sums (see <see cref="Width"/>) as if each count were linear.</summary>
    internal sealed class WordEntry(WordSumScorer owner, string word, uint hash, int[] features, int[] counts, double[] sums)
    {
        /// <summary>The word's context cue (<see cref="ContextCues.CueOf"/>).</summary>
        public byte Cue { get; } = ContextCues.CueOf(word, cjk: false);

        /// <summary>The scorer whose weights the sums hold: one work space may serve several scorers (the attack model's two).</summary>
        public WordSumScorer Owner { get; } = owner;

        public string Word { get; } = word;

        public uint Hash { get; } = hash;

        public int[] Features { get; } = features;

        public int[] Counts { get; } = counts;

        public double[] Sums { get; } = sums;
    }

    /// <summary>Per-thread work space (pool it with the featurizer).</summary>
    internal sealed class Scratch(int dimensions)
    {
        public Token[] Tokens = new Token[64];
        public WordEntry[] Entries = new WordEntry[64];
        public double[] TokenPrefix = new double[1024];
        public double[] PairPrefix = new double[1024];
        public double[] TriplePrefix = new double[1024];
        public readonly ulong[] Seen = new ulong[dimensions >> 6];
        public readonly ulong[] Repeated = new ulong[dimensions >> 6];
        public readonly int[] RepeatSlot = new int[dimensions];
        public int[] RepeatFeature = new int[64];
        public int[] RepeatCount = new int[64];
        public int Repeats;
        public Occurrence[] Direct = new Occurrence[256];
        public int DirectCount;
        public Occurrence[] RepeatOccurrences = new Occurrence[256];
        public int RepeatOccurrenceCount;
        public int[] WindowCount = new int[64];
        public int ContextOccurrenceStart;
        public readonly WordFeatures WordFeaturizer = new();
        public readonly SpannedNgrams CutNgrams = new();
        public byte[] Cues = new byte[64];
        public double[] ContextSums = [];
        public double[] Total = [];
        public double[] WindowSums = [];

        /// <summary>A small direct-mapped cache of words in front of the shared table: no lock, no second hash.</summary>
        public readonly WordEntry?[] Recent = new WordEntry?[RecentSize];
    }

    private const int RecentSize = 1024;

    /// <summary>A feature occurrence: its index (or repeat slot), count and the characters it reads.</summary>
    internal readonly record struct Occurrence(int Feature, int Count, int Start, int End);

    /// <summary>
    /// Computes each model's raw score (bias excluded) of the prepared sentence into <paramref name="sentence"/> and of each
    /// window into <paramref name="perWindow"/> (window w's model m at w * models + m); false (nothing written) when the
    /// sentence must take the featurizer path (it has a CJK run).
    /// </summary>
    public bool TryScore(ReadOnlySpan<char> prepared, IReadOnlyList<Range> windows, Scratch s, Span<double> sentence, Span<double> perWindow)
    {
        var tokenCount = Tokenize(prepared, s);
        var tokens = s.Tokens.AsSpan(0, tokenCount);
        foreach (var t in tokens) if (t.Cjk) return false;
        Span<WindowTokens> ranges = windows.Count <= 32 ? stackalloc WindowTokens[windows.Count] : new WindowTokens[windows.Count];
        for (var w = 0; w < windows.Count; w++) ranges[w] = TokenRange(tokens, windows[w], prepared.Length);

        var width = Width;
        EnsureCapacity(s, tokenCount, width);
        s.Repeats = 0;
        s.DirectCount = 0;
        s.RepeatOccurrenceCount = 0;

        // Words: their cached sums into prefix arrays; pairs and triples per occurrence (they ride with their last word).
        var tokenPrefix = s.TokenPrefix;
        var pairPrefix = s.PairPrefix;
        var triplePrefix = s.TriplePrefix;
        Array.Clear(tokenPrefix, 0, width);
        Array.Clear(pairPrefix, 0, width);
        Array.Clear(triplePrefix, 0, width);
        uint previous = 0, beforePrevious = 0;
        for (var t = 0; t < tokenCount; t++)
        {
            var tok = tokens[t];
            var entry = Entry(prepared.Slice(tok.Start, tok.Length), s);
            s.Entries[t] = entry;
            var at = (t + 1) * width;
            var before = t * width;
            var sums = entry.Sums;
            for (var k = 0; k < width; k++) tokenPrefix[at + k] = tokenPrefix[before + k] + sums[k];
            if (_settings.WordNgramMax >= 2) Array.Copy(pairPrefix, before, pairPrefix, at, width);
            if (_settings.WordNgramMax >= 3) Array.Copy(triplePrefix, before, triplePrefix, at, width);
            var h = entry.Hash;
            if (_settings.WordNgramMax >= 2 && t >= 1)
            {
                var index = (int)(NgramHash.Pair(previous, h) & _mask);
                AddDirect(pairPrefix, at, index);
                Mark(s, index, 1);
                AddOccurrence(s, index, tokens[t - 1].Start, tok.Start + tok.Length);
            }
            if (_settings.WordNgramMax >= 3 && t >= 2)
            {
                var index = (int)(NgramHash.Triple(beforePrevious, previous, h) & _mask);
                AddDirect(triplePrefix, at, index);
                Mark(s, index, 1);
                AddOccurrence(s, index, tokens[t - 2].Start, tok.Start + tok.Length);
            }
            beforePrevious = previous;
            previous = h;
            var features = entry.Features;
            var counts = entry.Counts;
            for (var i = 0; i < features.Length; i++) Mark(s, features[i], counts[i]);
        }

        // Context features (negation, reported speech, quotation) are few; each keeps its span for the windows.
        var contextSums = s.ContextSums;
        Array.Clear(contextSums);
        var contextStart = s.DirectCount;
        if (_settings.ContextWindow > 0)
        {
            var sink = new ContextSink(s);
            if (s.Cues.Length < tokenCount) s.Cues = new byte[Math.Max(tokenCount, s.Cues.Length * 2)];
            for (var t = 0; t < tokenCount; t++) s.Cues[t] = s.Entries[t].Cue;
            ContextCues.Add(prepared, tokens, s.Cues.AsSpan(0, tokenCount), _settings.ContextWindow, _mask, ref sink);
        }
        for (var i = contextStart; i < s.DirectCount; i++)
        {
            Add(contextSums, 0, s.Direct[i].Feature, 1);
            Mark(s, s.Direct[i].Feature, 1);
        }

        // Second pass: the exact count and occurrences of every feature seen more than once; clears the bitmaps.
        for (var t = 0; t < tokenCount; t++)
        {
            var entry = s.Entries[t];
            var features = entry.Features;
            var counts = entry.Counts;
            var tok = tokens[t];
            for (var i = 0; i < features.Length; i++)
            {
                var f = features[i];
                s.Seen[f >> 6] = 0;
                if ((s.Repeated[f >> 6] & (1UL << f)) != 0) CountRepeat(s, f, counts[i], tok.Start, tok.Start + tok.Length);
            }
        }
        // Occurrences are kept in three runs a window can search: tokens' n-grams in order of start, pairs and triples in
        // order of end, then the few context features.
        var tokenOccurrences = s.RepeatOccurrenceCount;
        for (var i = 0; i < s.DirectCount; i++)
        {
            if (i == contextStart) s.ContextOccurrenceStart = s.RepeatOccurrenceCount;
            var o = s.Direct[i];
            s.Seen[o.Feature >> 6] = 0;
            if ((s.Repeated[o.Feature >> 6] & (1UL << o.Feature)) != 0) CountRepeat(s, o.Feature, 1, o.Start, o.End);
        }
        var directOccurrences = contextStart < s.DirectCount ? s.ContextOccurrenceStart : s.RepeatOccurrenceCount;

        var total = s.Total;
        var last = tokenCount * width;
        for (var k = 0; k < width; k++)
        {
            total[k] = tokenPrefix[last + k] + contextSums[k];
            if (_settings.WordNgramMax >= 2) total[k] += pairPrefix[last + k];
            if (_settings.WordNgramMax >= 3) total[k] += triplePrefix[last + k];
        }
        for (var r = 0; r < s.Repeats; r++) Correct(total, s.RepeatFeature[r], s.RepeatCount[r]);
        Finish(total, sentence);

        var window = s.WindowSums;
        for (var w = 0; w < windows.Count; w++)
        {
            var (first, end, leftCut, rightCut) = ranges[w];
            var (from, to) = windows[w].GetOffsetAndLength(prepared.Length);
            to += from;
            for (var k = 0; k < width; k++)
            {
                window[k] = tokenPrefix[end * width + k] - tokenPrefix[first * width + k];
                // A pair rides with its last word and is inside when its first word is too.
                if (end - first >= 2 && _settings.WordNgramMax >= 2) window[k] += pairPrefix[end * width + k] - pairPrefix[(first + 1) * width + k];
                if (end - first >= 3 && _settings.WordNgramMax >= 3) window[k] += triplePrefix[end * width + k] - triplePrefix[(first + 2) * width + k];
            }
            for (var i = contextStart; i < s.DirectCount; i++)
            {
                var o = s.Direct[i];
                if (o.Start >= from && o.End <= to) Add(window, 0, o.Feature, 1);
            }
            // Only the occurrences that can lie inside the window are visited: a document has many windows and segments, and
            // its repeated n-grams run to thousands of occurrences.
            Array.Clear(s.WindowCount, 0, s.Repeats);
            var occurrences = s.RepeatOccurrences;
            for (var i = FirstAtOrAfter(occurrences, 0, tokenOccurrences, from, byEnd: false); i < tokenOccurrences && occurrences[i].Start < to; i++)
            {
                if (occurrences[i].End <= to) CountInWindow(s, occurrences[i].Feature, occurrences[i].Count);
            }
            for (var i = FirstAtOrAfter(occurrences, tokenOccurrences, directOccurrences, from, byEnd: true); i < directOccurrences && occurrences[i].End <= to; i++)
            {
                if (occurrences[i].Start >= from) CountInWindow(s, occurrences[i].Feature, occurrences[i].Count);
            }
            for (var i = directOccurrences; i < s.RepeatOccurrenceCount; i++)
            {
                if (occurrences[i].Start >= from && occurrences[i].End <= to) CountInWindow(s, occurrences[i].Feature, occurrences[i].Count);
            }
            // A word the window cuts (a window of characters, not words) still lends it the character n-grams inside it.
            if (leftCut >= 0) AddCutToken(prepared, tokens[leftCut], from, to, window, s);
            if (rightCut >= 0 && rightCut != leftCut) AddCutToken(prepared, tokens[rightCut], from, to, window, s);
            for (var r = 0; r < s.Repeats; r++)
            {
                if (s.WindowCount[r] >= 2) Correct(window, s.RepeatFeature[r], s.WindowCount[r]);
            }
            Finish(window, perWindow.Slice(w * _mc, _mc));
        }

        for (var r = 0; r < s.Repeats; r++)
        {
            var f = s.RepeatFeature[r];
            s.Repeated[f >> 6] = 0;
            s.RepeatSlot[f] = 0;
        }
        return true;
    }

    // Sums and norms to raw scores (without the bias): NgramFeaturizer's per-block L2 normalisation and block weights.
    private void Finish(double[] sums, Span<double> raw)
    {
        var mc = _mc;
        double wordNorm = Math.Max(sums[2 * mc], 0);
        double charNorm = Math.Max(sums[2 * mc + 1], 0);
        // Float rounding can leave a tiny positive norm where there is no feature; a block with no feature has exact zero sums.
        var wordWeight = _settings.WordWeight;
        var total = Math.Sqrt((wordNorm > 1e-12 ? wordWeight * wordWeight : 0) + (charNorm > 1e-12 ? 1 : 0));
        var ws = wordNorm > 1e-12 && total > 0 ? wordWeight / Math.Sqrt(wordNorm) / total : 0;
        var cs = charNorm > 1e-12 && total > 0 ? 1 / Math.Sqrt(charNorm) / total : 0;
        for (var m = 0; m < mc; m++) raw[m] = ws * sums[m] + cs * sums[mc + m];
    }

    // A feature seen c ≥ 2 times was summed as c × its value; tf(c) replaces that.
    private void Correct(double[] sums, int feature, int count)
    {
        var tf = SublinearTf.Of(count);
        var scale = _scale?[feature] ?? 1f;
        var block = feature < _half ? 0 : _mc;
        var at = (long)feature * _mc;
        var delta = (tf - count) * scale;
        for (var m = 0; m < _mc; m++) sums[block + m] += _interleaved[at + m] * delta;
        var v = tf * scale;
        sums[2 * _mc + (block == 0 ? 0 : 1)] += v * v - count * scale * scale;
    }

    private void Add(double[] sums, int offset, int feature, int count)
    {
        var scale = _scale?[feature] ?? 1f;
        var block = feature < _half ? 0 : _mc;
        var at = (long)feature * _mc;
        for (var m = 0; m < _mc; m++) sums[offset + block + m] += _interleaved[at + m] * scale * count;
        sums[offset + 2 * _mc + (block == 0 ? 0 : 1)] += count * scale * scale;
    }

    private void AddDirect(double[] prefix, int at, int feature) => Add(prefix, at, feature, 1);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Mark(Scratch s, int feature, int count)
    {
        ref var word = ref s.Seen[feature >> 6];
        var bit = 1UL << feature;
        if ((word & bit) != 0 || count >= 2)
        {
            MarkRepeated(s, feature);
        }
        word |= bit;
    }

    private static void MarkRepeated(Scratch s, int feature)
    {
        ref var repeated = ref s.Repeated[feature >> 6];
        var bit = 1UL << feature;
        if ((repeated & bit) != 0) return;
        repeated |= bit;
        if (s.Repeats == s.RepeatFeature.Length)
        {
            Array.Resize(ref s.RepeatFeature, s.Repeats * 2);
            Array.Resize(ref s.RepeatCount, s.Repeats * 2);
            s.WindowCount = new int[s.Repeats * 2];
        }
        s.RepeatSlot[feature] = s.Repeats;
        s.RepeatFeature[s.Repeats] = feature;
        s.RepeatCount[s.Repeats++] = 0;
    }

    private static void CountRepeat(Scratch s, int feature, int count, int start, int end)
    {
        var slot = s.RepeatSlot[feature];
        s.RepeatCount[slot] += count;
        if (s.RepeatOccurrenceCount == s.RepeatOccurrences.Length) Array.Resize(ref s.RepeatOccurrences, s.RepeatOccurrenceCount * 2);
        s.RepeatOccurrences[s.RepeatOccurrenceCount++] = new Occurrence(slot, count, start, end);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void CountInWindow(Scratch s, int slot, int count) => s.WindowCount[slot] += count;

    // The first occurrence in [lo, hi) whose start (or end) is at or after position; the run is sorted by that key.
    private static int FirstAtOrAfter(Occurrence[] occurrences, int lo, int hi, int position, bool byEnd)
    {
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var key = byEnd ? occurrences[mid].End : occurrences[mid].Start;
            if (key < position) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static void AddOccurrence(Scratch s, int feature, int start, int end)
    {
        if (s.DirectCount == s.Direct.Length) Array.Resize(ref s.Direct, s.DirectCount * 2);
        s.Direct[s.DirectCount++] = new Occurrence(feature, 1, start, end);
    }

    /// <summary>The tokens wholly inside a window, [First, End), and the tokens it cuts at either end (-1: none).</summary>
    private readonly record struct WindowTokens(int First, int End, int LeftCut, int RightCut);

    private static WindowTokens TokenRange(ReadOnlySpan<Token> tokens, Range window, int length)
    {
        var (from, count) = window.GetOffsetAndLength(length);
        var to = from + count;
        var first = 0;
        while (first < tokens.Length && tokens[first].Start + tokens[first].Length <= from) first++;
        var leftCut = first < tokens.Length && tokens[first].Start < from ? first : -1;
        if (leftCut >= 0) first++;
        var end = first;
        while (end < tokens.Length && tokens[end].Start + tokens[end].Length <= to) end++;
        // A window inside a single word has it as its left cut only: AddCutToken checks both ends.
        var rightCut = end < tokens.Length && tokens[end].Start < to ? end : -1;
        return new WindowTokens(first, end, leftCut, rightCut);
    }

    // The character n-grams of a cut token that lie inside the window, each counted as the featurizer counts it.
    private void AddCutToken(ReadOnlySpan<char> prepared, Token token, int from, int to, double[] window, Scratch s)
    {
        var collected = s.CutNgrams;
        collected.Clear();
        Span<Token> one = [new Token(0, token.Length, false)];
        var sink = new SpanSink(collected, token.Length);
        NgramEnumerator.Enumerate(prepared.Slice(token.Start, token.Length), one, _wordOnly, ref sink);
        for (var i = 0; i < collected.Count; i++)
        {
            var (feature, start, end) = collected.Items[i];
            if (token.Start + start < from || token.Start + end > to) continue;
            Add(window, 0, feature, 1);
            if ((s.Repeated[feature >> 6] & (1UL << feature)) != 0) CountInWindow(s, s.RepeatSlot[feature], 1);
        }
    }

    private WordEntry Entry(ReadOnlySpan<char> word, Scratch s)
    {
        var hash = NgramHash.Word(word);
        ref var recent = ref s.Recent[NgramHash.Finish(hash) & (RecentSize - 1)];
        if (recent is { } hit && ReferenceEquals(hit.Owner, this) && word.SequenceEqual(hit.Word)) return hit;
        if (!_lookup.TryGetValue(word, out var entry))
        {
            entry = Compute(word, hash, s);
            // ConcurrentDictionary.Count takes every lock; a counter is enough for a bound (threads may overshoot it by a few).
            if (Volatile.Read(ref _kept) < MaxCachedWords && _words.TryAdd(entry.Word, entry)) Interlocked.Increment(ref _kept);
        }
        recent = entry;
        return entry;
    }

    private WordEntry Compute(ReadOnlySpan<char> word, uint hash, Scratch s)
    {
        var collected = s.WordFeaturizer;
        collected.Clear();
        Span<Token> one = [new Token(0, word.Length, false)];
        var sink = new WordSink(collected);
        NgramEnumerator.Enumerate(word, one, _wordOnly, ref sink);
        var n = collected.Count;
        var features = collected.Features.AsSpan(0, n).ToArray();
        var counts = collected.Counts.AsSpan(0, n).ToArray();
        var sums = new double[Width];
        // A new word's n-grams are cache misses in the interleaved weights: gathered first in one loop of independent
        // loads (they overlap), then summed from the copy.
        var mc = _mc;
        if (collected.Gathered.Length < n * mc) collected.Gathered = new float[Math.Max(n * mc, collected.Gathered.Length * 2)];
        var gathered = collected.Gathered;
        for (var i = 0; i < n; i++) _interleaved.AsSpan((int)((long)features[i] * mc), mc).CopyTo(gathered.AsSpan(i * mc, mc));
        for (var i = 0; i < n; i++)
        {
            var f = features[i];
            var scale = _scale?[f] ?? 1f;
            var block = f < _half ? 0 : mc;
            var weight = scale * counts[i];
            for (var m = 0; m < mc; m++) sums[block + m] += gathered[i * mc + m] * weight;
            sums[2 * mc + (block == 0 ? 0 : 1)] += counts[i] * scale * scale;
        }
        return new WordEntry(this, word.ToString(), hash, features, counts, sums);
    }

    private static int Tokenize(ReadOnlySpan<char> text, Scratch s)
    {
        while (true)
        {
            var n = Tokenizer.Split(text, s.Tokens);
            if (n < s.Tokens.Length) return n;
            s.Tokens = new Token[s.Tokens.Length * 2];
        }
    }

    private static void EnsureCapacity(Scratch s, int tokens, int width)
    {
        if (s.Entries.Length < tokens) s.Entries = new WordEntry[Math.Max(tokens, s.Entries.Length * 2)];
        if (s.Total.Length != width)
        {
            s.ContextSums = new double[width];
            s.Total = new double[width];
            s.WindowSums = new double[width];
        }
        var size = (tokens + 1) * width;
        if (s.TokenPrefix.Length >= size) return;
        size = Math.Max(size, s.TokenPrefix.Length * 2);
        s.TokenPrefix = new double[size];
        s.PairPrefix = new double[size];
        s.TriplePrefix = new double[size];
    }

    /// <summary>The distinct features of one word, in first-seen order, with their counts.</summary>
    internal sealed class WordFeatures
    {
        public int[] Features = new int[64];
        public int[] Counts = new int[64];
        public float[] Gathered = new float[512];
        public int Count;

        public void Clear() => Count = 0;

        public void Add(int feature)
        {
            // A word has a few dozen n-grams: a linear scan beats any table at that size.
            for (var i = 0; i < Count; i++)
            {
                if (Features[i] != feature) continue;
                Counts[i]++;
                return;
            }
            if (Count == Features.Length)
            {
                Array.Resize(ref Features, Count * 2);
                Array.Resize(ref Counts, Count * 2);
            }
            Features[Count] = feature;
            Counts[Count++] = 1;
        }
    }

    /// <summary>A word's n-grams with the characters each reads (offsets into the word), in enumeration order.</summary>
    internal sealed class SpannedNgrams
    {
        public (int Feature, int Start, int End)[] Items = new (int, int, int)[64];
        public int Count;

        public void Clear() => Count = 0;

        public void Add(int feature, int start, int end)
        {
            if (Count == Items.Length) Array.Resize(ref Items, Count * 2);
            Items[Count++] = (feature, start, end);
        }
    }

    // Spans as SentenceFeaturizer records them: a unigram reads the word, a character n-gram its characters without the markers.
    private readonly struct SpanSink(SpannedNgrams target, int length) : INgramSink
    {
        public void Add(int index, NgramRef ngram)
        {
            if (ngram.Kind != NgramKind.Chars)
            {
                target.Add(index, 0, int.MaxValue / 2);
                return;
            }
            target.Add(index, Math.Max(ngram.Offset - 1, 0), Math.Min(ngram.Offset - 1 + ngram.Length, length));
        }
    }

    private readonly struct WordSink(WordFeatures target) : INgramSink
    {
        public void Add(int index, NgramRef ngram) => target.Add(index);
    }

    private readonly struct ContextSink(Scratch s) : INgramSink
    {
        public void Add(int index, NgramRef ngram) => AddOccurrence(s, index, ngram.Offset, ngram.Offset + ngram.Length);
    }
}
