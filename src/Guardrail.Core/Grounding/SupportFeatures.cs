namespace Guardrail.Grounding;

/// <summary>
/// Lexical alignment of a claim with one source: the features a support model reads, the source sentence that
/// supports the claim best, and the claim's terms the source lacks. Pure function of the two analyses.
/// </summary>
public static class SupportFeatures
{
    /// <summary>Feature names, in vector order (the model card lists them; models are retrained when they change).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "content_recall",            // 0 share of the claim's content terms found anywhere in the source (the word-overlap floor)
        "best_sentence_recall",      // 1 the same against the best single source sentence
        "best_window_recall",        // 2 the same against the best two adjacent sentences
        "bigram_recall",             // 3 share of the claim's word bigrams found in the source
        "char_trigram_recall",       // 4 share of the claim's character trigrams found in the source
        "numbers_in_claim",          // 5 log(1 + numbers in the claim)
        "numbers_missing_share",     // 6 share of the claim's numbers absent from the source (0 when none)
        "entities_missing_share",    // 7 share of the claim's capitalised names absent from the source (0 when none)
        "negation_mismatch",         // 8 1 when exactly one of claim and best sentence is negated
        "claim_terms_log",           // 9 log(1 + content terms in the claim)
        "source_terms_log",          // 10 log(1 + content terms in the source)
        "missing_terms_log",         // 11 log(1 + content terms absent from the source)
        "longest_run_share",         // 12 longest run of consecutive claim tokens that occurs as a source bigram chain, / claim tokens
        "rare_term_recall",          // 13 recall of long terms (≥ 7 characters, or Han bigrams): names and specific words
        "best_sentence_precision",   // 14 share of the best sentence's content terms that occur in the claim
        // Added with the first trained model (they raised grouped cross-validated ROC-AUC on train+dev; models/grounding.md):
        "entities_missing_log",      // 15 log(1 + capitalised names of the claim absent from the source)
        "numbers_missing_log",       // 16 log(1 + numbers of the claim absent from the source)
        "personal_share",            // 17 share of the claim's tokens that are first- or second-person pronouns (chat, opinion)
        "question",                  // 18 1 when the claim asks (contains '?' or '？')
        // Added for the Chinese support model (issue 11): which model scores the claim (SupportModel routes on it).
        "han_share",                 // 19 share of the claim's tokens that are Han characters
        "han_char_recall",           // 20 share of the claim's distinct content Han characters found in the source (content_recall without Han)
    ];

    /// <summary>Index of <c>han_share</c>: a claim whose tokens are mostly Han characters is Chinese.</summary>
    public const int HanShareIndex = 19;

    private static readonly HashSet<string> Personal = new(StringComparer.Ordinal)
    {
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours", "i'm", "i've", "i'd", "i'll",
        "we're", "we've", "you're", "you've", "我", "你",
    };

    /// <summary>Number of features.</summary>
    public static int Count => Names.Count;

    /// <summary>Aligns <paramref name="claim"/> with <paramref name="source"/> and fills <paramref name="features"/> (length <see cref="Count"/>).</summary>
    public static SupportAlignment Compute(AnalyzedText claim, AnalyzedText source, Span<float> features)
    {
        if (features.Length < Count) throw new ArgumentException($"Need {Count} slots.", nameof(features));
        features.Clear();
        var distinct = claim.TermSet;
        var terms = distinct.Count;
        int found = 0, rare = 0, rareFound = 0;
        List<string>? missing = null;
        // A number the source writes another way ("五万二千" for "52,000") is found, not missing.
        var (numbersMissing, restated) = MissingNumbers(claim, source);
        foreach (var t in distinct)
        {
            var isRare = t.Length >= 7 || Lexicon.IsHan(t[0]);
            if (isRare) rare++;
            if (source.TermSet.Contains(t) || (restated?.Contains(t) ?? false))
            {
                found++;
                if (isRare) rareFound++;
            }
            else
            {
                (missing ??= []).Add(t);
            }
        }
        features[0] = terms == 0 ? 1f : (float)found / terms;

        // Best sentence and best pair of adjacent sentences by recall; ties go to the earlier one.
        int best = -1;
        float bestRecall = -1, bestWindow = 0;
        var sentences = source.Sentences;
        Span<int> hits = sentences.Count <= 256 ? stackalloc int[sentences.Count] : new int[sentences.Count];
        for (var s = 0; s < sentences.Count; s++)
        {
            var set = sentences[s].Analysis.TermSet;
            // A restated number is in no sentence's terms (it is not among the source's numbers), so it adds to every count.
            var h = restated?.Count ?? 0;
            foreach (var t in distinct) if (set.Contains(t)) h++;
            hits[s] = h;
            var r = terms == 0 ? 0f : (float)h / terms;
            if (r > bestRecall)
            {
                bestRecall = r;
                best = s;
            }
        }
        for (var s = 0; s + 1 < sentences.Count; s++)
        {
            var a = sentences[s].Analysis.TermSet;
            var b = sentences[s + 1].Analysis.TermSet;
            var h = restated?.Count ?? 0;
            foreach (var t in distinct) if (a.Contains(t) || b.Contains(t)) h++;
            bestWindow = Math.Max(bestWindow, terms == 0 ? 0f : (float)h / terms);
        }
        features[1] = Math.Max(bestRecall, 0);
        features[2] = Math.Max(bestWindow, features[1]);

        features[3] = Share(claim.Bigrams, source.Bigrams, whenEmpty: features[0]);
        features[4] = Share(claim.CharTrigrams, source.CharTrigrams, whenEmpty: features[0]);
        features[5] = MathF.Log(1 + claim.Numbers.Count);
        features[6] = claim.Numbers.Count == 0 ? 0f : (float)numbersMissing / claim.Numbers.Count;
        features[7] = claim.Entities.Count == 0 ? 0f : 1f - ShareIn(claim.Entities, source.TermSet);
        var bestSentence = best >= 0 ? sentences[best] : null;
        var bestNegated = bestSentence?.Analysis.Negated ?? source.Negated;
        features[8] = claim.Negated != bestNegated ? 1f : 0f;
        features[9] = MathF.Log(1 + terms);
        features[10] = MathF.Log(1 + source.TermSet.Count);
        features[11] = MathF.Log(1 + (missing?.Count ?? 0));
        features[12] = LongestRun(claim, source);
        features[13] = rare == 0 ? features[0] : (float)rareFound / rare;
        if (bestSentence is not null && bestSentence.Analysis.TermSet.Count > 0)
        {
            var inClaim = 0;
            foreach (var t in bestSentence.Analysis.TermSet) if (distinct.Contains(t)) inClaim++;
            features[14] = (float)inClaim / bestSentence.Analysis.TermSet.Count;
        }
        features[15] = MathF.Log(1 + MissingCount(claim.Entities, source.TermSet));
        features[16] = MathF.Log(1 + numbersMissing);
        var personal = 0;
        foreach (var (token, _, _) in claim.Tokens) if (Personal.Contains(token)) personal++;
        features[17] = claim.TokenCount == 0 ? 0 : (float)personal / claim.TokenCount;
        features[18] = Asks(claim) ? 1 : 0;
        features[HanShareIndex] = HanShare(claim);
        features[20] = HanCharRecall(claim, source, features[0]);
        return new SupportAlignment(bestSentence, missing ?? []);
    }

    // Chinese words are one to four characters and a paraphrase keeps many of them while breaking the character pairs
    // ("坐落于" for "位于"), so single content characters are a looser overlap than the bigram terms.
    private static float HanCharRecall(AnalyzedText claim, AnalyzedText source, float whenNone)
    {
        if (claim.HanCharacters.Count == 0) return whenNone;
        int content = 0, found = 0;
        foreach (var c in claim.HanCharacters)
        {
            if (Lexicon.IsHanFunction(c)) continue;
            content++;
            if (source.HanCharacters.Contains(c)) found++;
        }
        return content == 0 ? whenNone : (float)found / content;
    }

    private static float HanShare(AnalyzedText claim)
    {
        if (claim.TokenCount == 0) return 0;
        var han = 0;
        foreach (var (token, _, _) in claim.Tokens) if (token.Length == 1 && Lexicon.IsHan(token[0])) han++;
        return (float)han / claim.TokenCount;
    }

    // A sentence's analysis keeps the whole text, so look only from its first token to just past its last.
    private static bool Asks(AnalyzedText claim)
    {
        if (claim.Tokens.Count == 0) return false;
        var start = claim.Tokens[0].Start;
        var end = Math.Min(claim.Text.Length, claim.Tokens[^1].End + 3);
        return claim.Text.AsSpan(start, end - start).IndexOfAny('?', '？') >= 0;
    }

    // The claim's numbers the source does not state: not as the same figure, nor as the same quantity written another
    // way ("8万" against "八万", "1.5亿" against "150,000,000", "1.28 km" against "1,280 metres"); and those it writes
    // another way (null when none).
    private static (int Missing, HashSet<string>? Restated) MissingNumbers(AnalyzedText claim, AnalyzedText source)
    {
        HashSet<string>? missing = null;
        foreach (var n in claim.Numbers) if (!source.Numbers.Contains(n)) (missing ??= new(StringComparer.Ordinal)).Add(n);
        if (missing is null) return (0, null);
        var claimQuantities = Contradiction.QuantityCache.Of(claim);
        if (claimQuantities.Count == 0) return (missing.Count, null);
        var sourceQuantities = Contradiction.QuantityCache.Of(source);
        HashSet<string>? restated = null;
        foreach (var (token, start, end) in claim.Tokens)
        {
            if (Lexicon.TryNumber(claim.Text.AsSpan(start, end - start), token, out var number)) Restate(number, start, end);
        }
        if (claim.ChineseNumbers is { } numerals) foreach (var (number, start, end) in numerals) Restate(number, start, end);
        return (missing.Count, restated);

        void Restate(string number, int start, int end)
        {
            if (!missing.Contains(number)) return;
            foreach (var q in claimQuantities)
            {
                // The same value of the same kind; a year inside a stated range is not a year the source states.
                if (q.Start > start || q.End < end || q.High is not null) continue;
                foreach (var p in sourceQuantities)
                {
                    if (p.Kind != q.Kind || p.High is not null || !p.Agrees(q)) continue;
                    missing.Remove(number);
                    (restated ??= new(StringComparer.Ordinal)).Add(number);
                    return;
                }
            }
        }
    }

    private static int MissingCount(HashSet<string> part, HashSet<string> whole)
    {
        var n = 0;
        foreach (var x in part) if (!whole.Contains(x)) n++;
        return n;
    }

    /// <summary>Allocating convenience for training and tests: analyses both texts and returns the feature vector.</summary>
    public static float[] Compute(string claim, string source)
    {
        var f = new float[Count];
        Compute(AnalyzedText.Analyze(claim, sentences: false), AnalyzedText.Analyze(source), f);
        return f;
    }

    private static float Share(HashSet<string> part, HashSet<string> whole, float whenEmpty)
    {
        if (part.Count == 0) return whenEmpty;
        var n = 0;
        foreach (var x in part) if (whole.Contains(x)) n++;
        return (float)n / part.Count;
    }

    private static float ShareIn(HashSet<string> part, HashSet<string> whole) => Share(part, whole, 1f);

    private static float LongestRun(AnalyzedText claim, AnalyzedText source)
    {
        var tokens = claim.Tokens;
        if (tokens.Count == 0) return 0;
        int bestRun = 1, run = 1;
        for (var k = 1; k < tokens.Count; k++)
        {
            run = source.Bigrams.Contains(tokens[k - 1].Token + " " + tokens[k].Token) ? run + 1 : 1;
            bestRun = Math.Max(bestRun, run);
        }
        return bestRun == 1 && !source.TermSet.Contains(tokens[0].Token) && tokens.Count > 1 ? 0f : (float)bestRun / tokens.Count;
    }
}

/// <summary>What alignment found besides the features.</summary>
/// <param name="BestSentence">The source sentence with the highest term recall, or null for an empty source.</param>
/// <param name="Missing">The claim's content terms the source lacks, in claim order.</param>
public sealed record SupportAlignment(AnalyzedSentence? BestSentence, IReadOnlyList<string> Missing);
