using System.Buffers;
using System.Text;

namespace Guardrail.Injection;

/// <summary>
/// Picks the patterns worth running on a folded text with a few vectorised searches over it. Running all ~57 regexes
/// costs ~90 µs per 1.5 KB even when nothing matches, because several start with long word alternations that
/// every word of prose is a candidate for; ordinary text contains almost none of the patterns' gate words
/// (<see cref="InjectionPattern.Gate"/>), so almost every regex is skipped.
/// </summary>
internal sealed class InjectionGate
{
    private readonly string[] _words;                 // distinct gate words of all patterns
    private readonly int[][] _wordsOf;                // per pattern: indices into _words; empty = ungated
    private readonly Dictionary<char, int[]> _byFirst; // word indices by first character, to name a hit
    private readonly SearchValues<string>?[] _ascii;  // ASCII words of 3 characters or more, 16 a set
    private readonly SearchValues<string>? _short;    // ASCII words of 1-2 characters ("<|", "##")
    private readonly SearchValues<string>? _other;    // words with other characters (Chinese)
    private readonly char _otherMin, _otherMax;       // range of their first characters (a vectorised range test)

    /// <summary>Indexes the gate words of <paramref name="patterns"/>, in that order.</summary>
    public InjectionGate(IReadOnlyList<InjectionPattern> patterns)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        _wordsOf = new int[patterns.Count][];
        for (var p = 0; p < patterns.Count; p++)
        {
            _wordsOf[p] = patterns[p].Gate.Select(w =>
            {
                // An empty word would occur everywhere: harmless but a sign of a mistake.
                if (string.IsNullOrEmpty(w)) throw new ArgumentException($"Pattern {patterns[p].Id} has an empty gate word.");
                return index.TryGetValue(w, out var i) ? i : index[w] = index.Count;
            }).ToArray();
        }
        _words = new string[index.Count];
        foreach (var (word, i) in index) _words[i] = word;
        _byFirst = Enumerable.Range(0, _words.Length)
            .GroupBy(i => _words[i][0])
            .ToDictionary(g => g.Key, g => g.ToArray());
        // SearchValues picks its algorithm from the whole set. ASCII words of 3+ characters get the SIMD "Teddy"
        // search on 3-character fingerprints, but with ~70 words its 8 buckets saturate and nearly every position
        // needs verifying (7 µs per 1.5 KB); five sets of 16 take under 1 µs together. A 2-character word would
        // drop a set to 2-character fingerprints, and a Chinese word to a scalar Aho-Corasick, so those go apart,
        // and the Chinese words are searched only when the text holds a character in the range of their first
        // characters (English answers often hold a non-ASCII ’ or —, but no Chinese).
        _ascii = [.. _words.Where(w => Ascii.IsValid(w) && w.Length >= 3).Chunk(16).Select(Create)];
        _short = Create(_words.Where(w => Ascii.IsValid(w) && w.Length < 3));
        _other = Create(_words.Where(w => !Ascii.IsValid(w)));
        var starts = _words.Where(w => !Ascii.IsValid(w)).Select(w => w[0]).DefaultIfEmpty('\0').ToArray();
        (_otherMin, _otherMax) = (starts.Min(), starts.Max());
    }

    private static SearchValues<string>? Create(IEnumerable<string> words)
    {
        var list = words.ToArray();
        return list.Length == 0 ? null : SearchValues.Create(list, StringComparison.Ordinal);
    }

    /// <summary>Sets <c>run[p]</c> for every pattern that can match <paramref name="folded"/>: ungated ones, and those with a gate word in it.</summary>
    public void Select(ReadOnlySpan<char> folded, Span<bool> run)
    {
        Span<bool> seen = _words.Length <= 1024 ? stackalloc bool[_words.Length] : new bool[_words.Length];
        foreach (var set in _ascii) Mark(folded, set, seen);
        Mark(folded, _short, seen);
        if (folded.ContainsAnyInRange(_otherMin, _otherMax)) Mark(folded, _other, seen);
        for (var p = 0; p < _wordsOf.Length; p++)
        {
            var words = _wordsOf[p];
            var any = words.Length == 0;
            foreach (var w in words) any |= seen[w];
            run[p] = any;
        }
    }

    private void Mark(ReadOnlySpan<char> folded, SearchValues<string>? search, Span<bool> seen)
    {
        if (search is null) return;
        var pos = 0;
        while (pos < folded.Length)
        {
            var found = folded[pos..].IndexOfAny(search);
            if (found < 0) break;
            pos += found;
            // Several words can start here ("instruction", "instructions"): mark each one that does.
            var rest = folded[pos..];
            foreach (var w in _byFirst[rest[0]])
            {
                if (rest.StartsWith(_words[w], StringComparison.Ordinal)) seen[w] = true;
            }
            // Step one character, not the word's length, so a word overlapping this one is still found.
            pos++;
        }
    }
}
