namespace Guardrail.Grounding.Contradiction;

/// <summary>
/// Contradictions in words rather than values, decided on the sentence a claim restates almost word for word: a negation
/// only one side has ("approved" / "not approved"), a direction or quantifier swapped for its opposite ("increased" /
/// "decreased", "before" / "after", "all" / "none"), and a hedge only one side has ("may reduce" / "reduces").
/// </summary>
/// <remarks>
/// Only when the sentence holds at least <see cref="MinimumOverlap"/> of the claim's weighted non-number words other than
/// the cues: the two then say the same thing but for the cue, so the cue is what differs. A looser match is left to the
/// support model.
/// </remarks>
public static partial class WordingConflicts
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\bMay\s+\d|\d\s+May\b|\bMay\s*,?\s*\d{4}|\b(?:in|of|since|until|by|from|early|late|mid-?)\s+May\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 100)]
    private static partial System.Text.RegularExpressions.Regex MonthMay();

    /// <summary>The share of the claim's (weighted) non-number words the restated sentence must hold.</summary>
    public const double MinimumOverlap = 0.75;

    private static readonly (string A, string B)[] Opposites =
    [
        ("increase", "decrease"), ("increased", "decreased"), ("increases", "decreases"), ("rise", "fall"), ("rose", "fell"),
        ("rises", "falls"), ("risen", "fallen"), ("more", "less"), ("more", "fewer"), ("higher", "lower"), ("above", "below"),
        ("before", "after"), ("earlier", "later"), ("all", "none"), ("always", "never"), ("maximum", "minimum"),
        ("larger", "smaller"), ("largest", "smallest"), ("highest", "lowest"), ("gain", "loss"), ("gained", "lost"),
        ("positive", "negative"), ("raised", "lowered"), ("expanded", "reduced"),
        ("increasing", "decreasing"), ("faster", "slower"), ("longer", "shorter"), ("older", "younger"),
        ("增加", "减少"), ("上升", "下降"), ("提高", "降低"), ("之前", "之后"), ("以前", "以后"), ("高于", "低于"), ("多于", "少于"),
        ("最多", "最少"), ("扩大", "缩小"), ("增长", "下降"), ("上涨", "下跌"), ("早于", "晚于"),
        ("最高", "最低"), ("盈利", "亏损"), ("超过", "不足"), ("升高", "降低"),
    ];

    private static readonly string[] EnglishHedges =
    [
        "may", "might", "could", "possibly", "probably", "likely", "unlikely", "suggest", "suggests", "suggested", "appears",
        "appear", "seems", "seem", "reportedly", "preliminary", "unconfirmed", "believed", "thought", "estimated", "expected",
        "potentially", "perhaps", "allegedly", "tentative",
    ];

    private static readonly string[] ChineseHedges = ["可能", "或许", "也许", "据称", "初步", "疑似", "似乎", "推测", "有望", "据报道", "估计", "预计", "大概", "或将"];

    private static readonly string[] ChineseNegations = ["没有", "并未", "尚未", "未能", "不是", "不会", "不能", "不得", "未", "不", "没", "无", "非"];

    /// <summary>The wording conflicts of <paramref name="claim"/> with <paramref name="sentence"/> of <paramref name="source"/>, which it restates; empty when they agree or the sentence restates too little of it.</summary>
    public static List<Conflict> Find(AnalyzedText claim, AnalyzedText source, AnalyzedSentence sentence)
    {
        var found = new List<Conflict>();
        if (Overlap(claim, sentence) < MinimumOverlap) return found;
        var claimText = claim.Text;
        var sourceText = source.Text[sentence.Start..Math.Min(sentence.End, source.Text.Length)];
        var claimWords = Words(claim.Tokens, 0, int.MaxValue);
        var sourceWords = Words(source.Tokens, sentence.Start, sentence.End);
        var claimHan = Han(claimText);
        var sourceHan = Han(sourceText);

        if (claim.Negated != sentence.Analysis.Negated)
        {
            var (negatedText, negatedWords) = claim.Negated ? (claimText, claimWords) : (sourceText, sourceWords);
            // Only a negation of a word the other side states plainly ("not approved" / "approved"): "not before" against
            // "after", or "without oxygen" beside the claim, negate something else.
            if (NegationCue(negatedText, negatedWords) is { } cue
                && Plain(cue, claim.Negated ? sourceText : claimText, claim.Negated ? sourceWords : claimWords) is { } plain)
            {
                found.Add(claim.Negated ? new Conflict("negation", cue, plain) : new Conflict("negation", plain, cue));
            }
        }
        var claimStems = Stems(claimWords);
        var sourceStems = Stems(sourceWords);
        foreach (var (a, b) in Opposites)
        {
            var han = Lexicon.IsHan(a[0]);
            // As written or by stem: "increased" against "decrease".
            bool InSource(string word) => han ? sourceHan.Contains(word, StringComparison.Ordinal) : sourceWords.Contains(word) || sourceStems.Contains(Lexicon.Stem(word));
            bool InClaim(string word) => han ? claimHan.Contains(word, StringComparison.Ordinal) : claimWords.Contains(word) || claimStems.Contains(Lexicon.Stem(word));
            Conflict? c = null;
            if (InSource(a) && !InSource(b) && InClaim(b) && !InClaim(a)) c = new Conflict("polarity", Written(claimText, claimWords, b), Written(sourceText, sourceWords, a));
            else if (InSource(b) && !InSource(a) && InClaim(a) && !InClaim(b)) c = new Conflict("polarity", Written(claimText, claimWords, a), Written(sourceText, sourceWords, b));
            // "increase" and "increased" are two entries of the list and one stem.
            if (c is not null && !found.Contains(c)) found.Add(c);
        }
        if (found.Count == 0 && PrefixOpposite(claimWords, sourceWords) is { } swapped)
        {
            found.Add(new Conflict("polarity", Surface(claimText, swapped.Claim), Surface(sourceText, swapped.Source)));
        }
        var claimHedge = Hedge(claimText, claimWords, claimHan);
        var sourceHedge = Hedge(sourceText, sourceWords, sourceHan);
        if ((claimHedge is null) != (sourceHedge is null))
        {
            found.Add(claimHedge is null
                ? new Conflict("hedging", "(stated as certain)", Surface(sourceText, sourceHedge!))
                : new Conflict("hedging", Surface(claimText, claimHedge), "(stated as certain)"));
        }
        return found;
    }

    // The share of the claim's weighted non-number words the sentence holds, leaving out the cues themselves (and Han
    // bigrams that touch them): "increased" against "decreased" should not count against the match it decides.
    private static readonly HashSet<string> CueStems = [.. Opposites.SelectMany(o => new[] { Lexicon.Stem(o.A), Lexicon.Stem(o.B) }).Concat(EnglishHedges.Select(Lexicon.Stem))];

    private static readonly HashSet<char> CueChars = [.. Opposites.SelectMany(o => o.A + o.B).Concat(ChineseHedges.SelectMany(h => h)).Concat(ChineseNegations.SelectMany(n => n)).Where(Lexicon.IsHan)];

    private static double Overlap(AnalyzedText claim, AnalyzedSentence sentence)
    {
        var (cues, cueChars) = (CueStems, CueChars);
        double total = 0, held = 0;
        foreach (var t in claim.TermSet)
        {
            if (claim.Numbers.Contains(t) || cues.Contains(t) || (Lexicon.IsHan(t[0]) && t.Any(cueChars.Contains))) continue;
            var w = ConflictFinder.Weight(t);
            total += w;
            if (sentence.Analysis.TermSet.Contains(t)) held += w;
        }
        return total == 0 ? 0 : held / total;
    }

    private static readonly string[] NegatingPrefixes = ["un", "in", "im", "il", "ir", "non", "dis"];

    // A word on one side whose negated form stands on the other ("valid" / "invalid", "likely" / "unlikely",
    // "approved" / "unapproved", "legal" / "illegal"), neither side stating both.
    private static (string Claim, string Source)? PrefixOpposite(HashSet<string> claimWords, HashSet<string> sourceWords)
    {
        foreach (var w in claimWords)
        {
            if (w.Length < 5 || Lexicon.IsStopWord(w)) continue;
            foreach (var prefix in NegatingPrefixes)
            {
                var negated = prefix + w;
                if (sourceWords.Contains(negated) && !claimWords.Contains(negated) && !sourceWords.Contains(w)) return (w, negated);
                if (w.StartsWith(prefix, StringComparison.Ordinal) && w.Length - prefix.Length >= 5)
                {
                    var plain = w[prefix.Length..];
                    if (sourceWords.Contains(plain) && !claimWords.Contains(plain) && !sourceWords.Contains(w)) return (w, plain);
                }
            }
        }
        return null;
    }

    // The word as the text writes it, found by stem when the list's form is not the text's ("decrease" for "decreased").
    private static string Written(string text, HashSet<string> words, string word)
    {
        if (Lexicon.IsHan(word[0]) || words.Contains(word)) return Surface(text, word);
        var stem = Lexicon.Stem(word);
        return Surface(text, words.FirstOrDefault(w => Lexicon.Stem(w) == stem) ?? word);
    }

    private static HashSet<string> Stems(HashSet<string> words)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in words) stems.Add(Lexicon.Stem(w));
        return stems;
    }

    // Lower-cased words between two offsets, as written (not stemmed: "increased" and "increases" are both in the opposites list).
    private static HashSet<string> Words(List<(string Token, int Start, int End)> tokens, int start, int end)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (token, from, to) in tokens)
        {
            if (from >= start && to <= end) words.Add(token);
        }
        return words;
    }

    private static string Han(string text) => new([.. text.Where(Lexicon.IsHan)]);

    private static string? Hedge(string text, HashSet<string> words, string han)
    {
        foreach (var h in EnglishHedges)
        {
            if (!words.Contains(h)) continue;
            // "May 27" and "27 May" are the month.
            if (h == "may" && MonthMay().IsMatch(text)) continue;
            return h;
        }
        foreach (var h in ChineseHedges) if (han.Contains(h, StringComparison.Ordinal)) return h;
        return null;
    }

    // The negation cue with the word after it, as written ("not approved", "never", "未获批").
    private static string? NegationCue(string text, HashSet<string> words)
    {
        foreach (var cue in new[] { "not", "never", "no", "without", "neither", "nor", "cannot" })
        {
            if (words.Contains(cue)) return Phrase(text, cue);
        }
        var contracted = text.IndexOf("n't", StringComparison.OrdinalIgnoreCase);
        if (contracted > 0) return Phrase(text, text[..contracted].Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() + "n't");
        foreach (var cue in ChineseNegations)
        {
            var at = text.IndexOf(cue, StringComparison.Ordinal);
            if (at >= 0) return text.Substring(at, Math.Min(cue.Length + 2, text.Length - at));
        }
        return null;
    }

    // The word the negation applies to, as the other side writes it ("approved" for "not approved"); null when the other
    // side does not state it, or it is a function word.
    private static string? Plain(string cue, string text, HashSet<string> words)
    {
        var parts = cue.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2 && !Lexicon.IsStopWord(parts[^1].ToLowerInvariant()))
        {
            // "not open" against "opened": the same word, another ending.
            var stem = Lexicon.Stem(parts[^1].ToLowerInvariant());
            var same = words.FirstOrDefault(w => Lexicon.Stem(w) == stem);
            if (same is not null) return Surface(text, same);
        }
        if (Lexicon.IsHan(cue[0]) && cue.Length > 1)
        {
            var rest = cue.TrimStart('没', '有', '并', '未', '尚', '能', '不', '是', '会', '得', '无', '非');
            if (rest.Length > 0 && text.Contains(rest, StringComparison.Ordinal)) return rest;
        }
        return null;
    }

    private static string Phrase(string text, string word)
    {
        var at = IndexOfWord(text, word);
        if (at < 0) return word;
        var end = at + word.Length;
        while (end < text.Length && text[end] == ' ') end++;
        var next = end;
        while (next < text.Length && (char.IsLetter(text[next]) || text[next] == '-')) next++;
        return text[at..next].Trim();
    }

    // The word as the text writes it (its case), or the word itself.
    private static string Surface(string text, string word)
    {
        if (Lexicon.IsHan(word[0]) || word.StartsWith('(')) return word;
        var at = IndexOfWord(text, word);
        return at < 0 ? word : text.Substring(at, word.Length);
    }

    private static int IndexOfWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 || !char.IsLetter(text[at - 1]);
            var after = at + word.Length >= text.Length || !char.IsLetter(text[at + word.Length]);
            if (before && after) return at;
        }
        return -1;
    }
}
