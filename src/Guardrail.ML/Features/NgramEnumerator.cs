namespace Guardrail.ML.Features;

/// <summary>What kind of n-gram produced a feature.</summary>
internal enum NgramKind
{
    Word,
    WordPair,
    WordTriple,
    Chars,

    /// <summary>A word tagged with its context (<see cref="ContextCues"/>); Offset and Length are the characters it spans.</summary>
    Context,
}

/// <summary>Where an n-gram sits: enough to rebuild its text for an explanation without storing strings.</summary>
internal readonly record struct NgramRef(NgramKind Kind, int Token, int Offset, int Length);

/// <summary>Receives every n-gram's feature index; a struct so the hot path has no virtual calls.</summary>
internal interface INgramSink
{
    void Add(int index, NgramRef ngram);
}

/// <summary>Enumerates the hashed n-grams of tokenised text in a fixed order.</summary>
internal static class NgramEnumerator
{
    public const char Begin = '<';
    public const char End = '>';

    public static void Enumerate<TSink>(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, FeatureSettings s, ref TSink sink)
        where TSink : struct, INgramSink
    {
        var half = s.Dimensions >> 1;
        var mask = (uint)(half - 1);
        var previous = 0u;
        var beforePrevious = 0u;
        var run = 0; // words since the last CJK run or the start, capped at 2

        for (var t = 0; t < tokens.Length; t++)
        {
            var tok = tokens[t];
            var word = text.Slice(tok.Start, tok.Length);
            if (!tok.Cjk)
            {
                var h = NgramHash.Word(word);
                sink.Add((int)(NgramHash.Finish(h) & mask), new NgramRef(NgramKind.Word, t, 0, 1));
                if (s.WordNgramMax >= 2 && run >= 1)
                {
                    sink.Add((int)(NgramHash.Pair(previous, h) & mask), new NgramRef(NgramKind.WordPair, t - 1, 0, 2));
                }
                if (s.WordNgramMax >= 3 && run >= 2)
                {
                    sink.Add((int)(NgramHash.Triple(beforePrevious, previous, h) & mask), new NgramRef(NgramKind.WordTriple, t - 2, 0, 3));
                }
                beforePrevious = previous;
                previous = h;
                run = Math.Min(run + 1, 2);
                AddChars(word, t, s.CharNgramMin, s.CharNgramMax, half, mask, ref sink);
            }
            else
            {
                // A CJK run is a phrase, not a word: its n-grams come from characters alone, and it breaks bigrams.
                run = 0;
                AddChars(word, t, s.CjkNgramMin, s.CjkNgramMax, half, mask, ref sink);
            }
        }
        if (s.ContextWindow > 0) ContextCues.Add(text, tokens, s.ContextWindow, mask, ref sink);
    }

    private static void AddChars<TSink>(ReadOnlySpan<char> word, int t, int min, int max, int half, uint mask, ref TSink sink)
        where TSink : struct, INgramSink
    {
        // The word is read as "<word>" so prefixes and suffixes get their own n-grams.
        var marked = word.Length + 2;
        for (var i = 0; i < marked; i++)
        {
            var h = NgramHash.Seed;
            var limit = Math.Min(max, marked - i);
            for (var n = 1; n <= limit; n++)
            {
                var k = i + n - 1;
                h = NgramHash.Step(h, k == 0 ? Begin : k == marked - 1 ? End : word[k - 1]);
                if (n >= min && !(n == 1 && (k == 0 || k == marked - 1)))
                {
                    sink.Add(half + (int)(NgramHash.Finish(h) & mask), new NgramRef(NgramKind.Chars, t, i, n));
                }
            }
        }
    }

    /// <summary>Rebuilds the text of an n-gram, with boundary markers for character n-grams.</summary>
    public static string Describe(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, NgramRef r)
    {
        var tok = tokens[r.Token];
        var word = text.Slice(tok.Start, tok.Length);
        switch (r.Kind)
        {
            case NgramKind.Word:
                return word.ToString();
            case NgramKind.WordPair:
                var next = tokens[r.Token + 1];
                return string.Concat(word, " ", text.Slice(next.Start, next.Length));
            case NgramKind.Context:
                return text.Slice(r.Offset, r.Length).ToString();
            case NgramKind.WordTriple:
                var second = tokens[r.Token + 1];
                var third = tokens[r.Token + 2];
                return $"{word} {text.Slice(second.Start, second.Length)} {text.Slice(third.Start, third.Length)}";
            default:
                var chars = new char[r.Length];
                for (var n = 0; n < r.Length; n++)
                {
                    var k = r.Offset + n;
                    chars[n] = k == 0 ? Begin : k == word.Length + 1 ? End : word[k - 1];
                }
                return new string(chars);
        }
    }
}
