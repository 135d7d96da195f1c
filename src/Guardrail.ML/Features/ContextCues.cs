namespace Guardrail.ML.Features;

/// <summary>
/// Context features for negation, reported speech and quotation (<see cref="FeatureSettings.ContextWindow"/>): a word
/// near a negation ("not vermin", "don't deserve") or a reporting or condemning cue ("saying that … vermin", "… is
/// hateful"), or inside quotation marks, also yields the word tagged with that context, so a linear model can learn that
/// "vermin" after "not" or inside a quoted, condemned phrase weighs differently from "vermin" alone. In Chinese, a run
/// that holds a cue (不是, 歧视, 偏见, …) or sits next to one, or is quoted, yields its character bigrams tagged.
/// </summary>
/// <remarks>
/// Each feature's span covers the cue (or both quotation marks) and the word, so a window of a long sentence holds it
/// when the window alone would produce it (for quotations, unless marks before the window change which are paired).
/// </remarks>
internal static class ContextCues
{
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "without", "cannot", "hardly",
        "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "shouldn't", "can't", "couldn't", "ain't",
        "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "shouldnt", "cant", "couldnt",
    };

    // Words that report, attribute or condemn a statement: counter-speech quotes hate between them.
    private static readonly HashSet<string> Reports = new(StringComparer.Ordinal)
    {
        "say", "says", "saying", "said", "call", "calls", "calling", "called", "claim", "claims", "claiming", "claimed",
        "think", "thinks", "statement", "statements", "slogan", "rhetoric", "posts", "comments", "lie", "myth", "stereotype",
        "hateful", "hate", "racist", "racism", "bigot", "bigoted", "bigotry", "sexist", "xenophobic", "homophobic", "disgusting",
        "wrong", "unacceptable", "stop", "against", "condemn", "reject", "report", "banned", "removed", "propaganda", "dehumanising", "dehumanizing",
    };

    private static readonly string[] ChineseCues =
    [
        "不是", "并不", "没有", "不应该", "不要", "别再", "不能", "从来没", "并非",
        "歧视", "偏见", "谴责", "反对", "停止", "污名", "封号", "煽动", "仇恨", "言论", "过分", "刻板", "要不得",
    ];

    private static readonly System.Buffers.SearchValues<char> QuoteMarks = System.Buffers.SearchValues.Create("\"“”„«»「」『』‘’");

    private static readonly uint NegationTag = NgramHash.Word("\u0001neg");
    private static readonly uint ReportTag = NgramHash.Word("\u0001rep");
    private static readonly uint QuoteTag = NgramHash.Word("\u0001quote");
    private static readonly uint ChineseTag = NgramHash.Word("\u0001zhcue");

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NegationLookup = Negations.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ReportLookup = Reports.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adds the context features of <paramref name="tokens"/> (word half of the space) to <paramref name="sink"/>.</summary>
    public static void Add<TSink>(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int window, uint mask, ref TSink sink)
        where TSink : struct, INgramSink
    {
        // One pass classifies each token's cue and finds the quotation marks; most sentences have neither.
        Span<byte> cues = tokens.Length <= 512 ? stackalloc byte[tokens.Length] : new byte[tokens.Length];
        for (var t = 0; t < tokens.Length; t++)
        {
            var tok = tokens[t];
            cues[t] = CueOf(text.Slice(tok.Start, tok.Length), tok.Cjk);
        }
        Add(text, tokens, cues, window, mask, ref sink);
    }

    /// <summary>A token's cue (0: none), which depends on the token alone: callers that know their words keep it with them.</summary>
    public static byte CueOf(ReadOnlySpan<char> word, bool cjk) =>
        cjk ? (ChineseCue(word) ? Chinese : (byte)0) : NegationLookup.Contains(word) ? Negation : ReportLookup.Contains(word) ? Report : (byte)0;

    /// <summary><see cref="Add{TSink}(ReadOnlySpan{char}, ReadOnlySpan{Token}, int, uint, ref TSink)"/> with each token's <see cref="CueOf"/> given.</summary>
    public static void Add<TSink>(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, ReadOnlySpan<byte> cues, int window, uint mask, ref TSink sink)
        where TSink : struct, INgramSink
    {
        var anyCue = cues.ContainsAnyExcept((byte)0);
        List<int>? marks = null;
        if (text.IndexOfAny(QuoteMarks) >= 0)
        {
            marks = [];
            for (var i = 0; i < text.Length; i++) if (QuoteMarks.Contains(text[i])) marks.Add(i);
        }
        if (!anyCue && (marks is null || marks.Count < 2)) return;
        var quotes = marks ?? [];
        var before = 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            var tok = tokens[t];
            while (before < quotes.Count && quotes[before] < tok.Start) before++;
            var inQuote = before % 2 == 1 && before < quotes.Count;
            if (tok.Cjk)
            {
                // A Chinese run: its bigrams, tagged when it or a neighbouring run holds a cue, and when it is quoted.
                for (var c = Math.Max(0, t - 1); c <= Math.Min(tokens.Length - 1, t + 1); c++)
                {
                    if (cues[c] != Chinese) continue;
                    var (from, to) = (Math.Min(tokens[c].Start, tok.Start), Math.Max(tokens[c].Start + tokens[c].Length, tok.Start + tok.Length));
                    AddBigrams(text.Slice(tok.Start, tok.Length), ChineseTag, t, from, to, mask, ref sink);
                    break;
                }
                if (inQuote) AddBigrams(text.Slice(tok.Start, tok.Length), QuoteTag, t, quotes[before - 1], quotes[before] + 1, mask, ref sink);
                continue;
            }
            var h = NgramHash.Word(text.Slice(tok.Start, tok.Length));
            if (anyCue)
            {
                // A negation within the window before the word; a report or condemnation before or after it.
                for (var c = Math.Max(0, t - window); c <= Math.Min(tokens.Length - 1, t + window); c++)
                {
                    var cue = cues[c];
                    if (c == t || cue is 0 or Chinese || (cue == Negation && c > t)) continue;
                    var (from, to) = c < t ? (tokens[c].Start, tok.Start + tok.Length) : (tok.Start, tokens[c].Start + tokens[c].Length);
                    sink.Add((int)(NgramHash.Pair(cue == Negation ? NegationTag : ReportTag, h) & mask), new NgramRef(NgramKind.Context, t, from, to - from));
                }
            }
            // An odd number of marks before the word and one after it: the word is quoted.
            if (inQuote)
            {
                var (open, close) = (quotes[before - 1], quotes[before]);
                sink.Add((int)(NgramHash.Pair(QuoteTag, h) & mask), new NgramRef(NgramKind.Context, t, open, close + 1 - open));
            }
        }
    }

    private const byte Negation = 1;
    private const byte Report = 2;
    private const byte Chinese = 3;

    private static bool ChineseCue(ReadOnlySpan<char> run)
    {
        foreach (var cue in ChineseCues)
        {
            if (run.IndexOf(cue, StringComparison.Ordinal) >= 0) return true;
        }
        return false;
    }

    private static void AddBigrams<TSink>(ReadOnlySpan<char> run, uint tag, int t, int from, int to, uint mask, ref TSink sink)
        where TSink : struct, INgramSink
    {
        for (var i = 0; i + 1 < run.Length; i++)
        {
            var h = NgramHash.Step(NgramHash.Step(NgramHash.Seed, run[i]), run[i + 1]);
            sink.Add((int)(NgramHash.Pair(tag, h) & mask), new NgramRef(NgramKind.Context, t, from, to - from));
        }
    }
}
