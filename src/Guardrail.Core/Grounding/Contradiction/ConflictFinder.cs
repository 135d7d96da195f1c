namespace Guardrail.Grounding.Contradiction;

/// <summary>A quantity the answer states against the one the aligned source passage states in its place.</summary>
/// <param name="Kind">What differs: a quantity kind (<c>year</c>, <c>mass</c>, …), <c>negation</c>, <c>polarity</c> or <c>hedging</c>.</param>
/// <param name="AnswerSays">The answer's quantity as written.</param>
/// <param name="SourceSays">The passage's quantity as written.</param>
public sealed record Conflict(string Kind, string AnswerSays, string SourceSays);

/// <summary>The passage of a source a claim restates, and the quantities on which the two disagree.</summary>
/// <param name="Passage">The aligned source sentence.</param>
/// <param name="Conflicts">The disagreements, in claim order; empty when they agree.</param>
public sealed record PassageConflicts(AnalyzedSentence Passage, IReadOnlyList<Conflict> Conflicts);

/// <summary>
/// Aligns a claim with the source sentence it restates, by its words other than numbers, and compares the quantities of
/// the two: a wrong year, dose or amount is a contradiction of that passage even when the source states the claim's
/// number elsewhere ("won the prize in Chemistry in 1903" where the source says Physics in 1903 and Chemistry in 1911).
/// </summary>
/// <remarks>
/// The claim must restate a sentence of the source (that sentence holds at least half of the claim's non-number words;
/// long words and Han bigrams count double), or nothing is decided here and the support model judges. Each claim
/// quantity is then compared with the sentence that holds the words around it ("in Chemistry in 1903"; each word weighted
/// by how few sentences have it), else with that restated sentence: it conflicts when the sentence states no agreeing
/// quantity (same value after normalisation, inside a stated range, a year within a date) and does state one of the same
/// family that the claim does not. No conflict when another sentence, or another source the claim may draw on, states the
/// claim's value next to the same words.
/// </remarks>
public static partial class ConflictFinder
{
    /// <summary>The smallest share of the claim's (weighted) non-number words the aligned sentence must hold.</summary>
    public const double MinimumAlignment = 0.5;

    /// <summary>The aligned passage of <paramref name="source"/> and its conflicts with <paramref name="claim"/>; null when no sentence restates the claim.</summary>
    public static PassageConflicts? Find(AnalyzedText claim, AnalyzedText source) => Find(claim, source, []);

    /// <summary>
    /// As <see cref="Find(AnalyzedText, AnalyzedText)"/>, where the claim may draw on <paramref name="others"/> too (its
    /// other cited sources, or every supplied source for an uncited claim): a value one of them states in a sentence that
    /// shares the claim's words around it is no conflict ("who won the 2022 Lisbon Open" is source 1's, not source 2's).
    /// </summary>
    public static PassageConflicts? Find(AnalyzedText claim, AnalyzedText source, IReadOnlyList<AnalyzedText> others)
    {
        if (source.Sentences.Count == 0) return null;
        var (overall, overallShare) = Align(claim, source);
        if (overall is null) return null;
        // The claim's text is its sentence with the citation markers blanked, so marker digits are not read; the support
        // features may have read its quantities already.
        var claimQuantities = QuantityCache.Of(claim);
        var all = QuantityCache.Of(source);
        var conflicts = new List<Conflict>();
        AnalyzedSentence? shown = null;
        foreach (var q in claimQuantities)
        {
            // The sentence that holds the words around this quantity ("in Chemistry in 1903"), weighted by how few
            // sentences have them; without such words, the claim's overall passage.
            var context = Context(claim, q);
            var df = Frequencies(context, source);
            var (passage, score) = (overall, Score(context, df, overall));
            foreach (var sentence in source.Sentences)
            {
                var sc = Score(context, df, sentence);
                if (sc > score) (passage, score) = (sentence, sc);
            }
            var inPassage = Within(all, passage);
            if (inPassage.Any(p => p.Agrees(q))) continue;
            // The passage's own quantity of that family that the claim does not state: what the claim replaced.
            var replaced = inPassage.FirstOrDefault(p => p.SameFamily(q) && !claimQuantities.Any(c => c.Agrees(p)) && SameCounted(claim.Text, q, source.Text, p));
            if (replaced.End == 0) continue;
            // Where another sentence states the claim's value and reads as close to the claim, that one may be the one
            // restated ("a 2004 teen comedy" against "in November 2012 it was named a top teen comedy"): no conflict.
            if (source.Sentences.Any(s => s != passage && Score(context, df, s) >= score && Within(all, s).Any(p => p.Agrees(q)))) continue;
            if (others.Any(o => !ReferenceEquals(o, source) && StatesNearby(o, context, q))) continue;
            shown ??= passage;
            conflicts.Add(new Conflict(q.Kind.ToString().ToLowerInvariant(), q.Surface(claim.Text), replaced.Surface(source.Text)));
        }
        if (conflicts.Count == 0)
        {
            // Words, on the restated sentence: a negation, an opposite or a hedge only one side has.
            conflicts.AddRange(WordingConflicts.Find(claim, source, overall));
        }
        if (conflicts.Count == 0)
        {
            // A name or term in another's slot ("the Danish chemist" / "the Swedish chemist").
            conflicts.AddRange(SlotConflicts.Find(claim, source, overall, others));
        }
        // Clause by clause only where the whole claim restates its sentence loosely: a close restatement was judged whole.
        if (conflicts.Count == 0 && overallShare < WordingConflicts.MinimumOverlap && ClauseConflicts(claim, source, others) is { } clause)
        {
            (shown, conflicts) = (clause.Passage, [.. clause.Conflicts]);
        }
        return new PassageConflicts(shown ?? overall, conflicts);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@",\s*(?:and|but|while|whereas|which|who|where)?\s*|;\s*|\s+(?:and|but|while|whereas)\s+|[，；、]|(?:并且|而且|但是|但|而|并)", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 100)]
    private static partial System.Text.RegularExpressions.Regex ClauseBreak();

    // A claim that joins several facts ("lowered blood sugar and increased weight") is compared clause by clause for
    // words: each clause restates its own sentence, which the whole claim overlaps too little to be judged on.
    private static PassageConflicts? ClauseConflicts(AnalyzedText claim, AnalyzedText source, IReadOnlyList<AnalyzedText> others)
    {
        var text = claim.Text;
        List<string>? clauses;
        try
        {
            clauses = Clauses(text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return null;
        }
        if (clauses.Count < 2) return null;
        foreach (var clause in clauses)
        {
            var part = AnalyzedText.Analyze(clause, sentences: false);
            var (passage, _) = Align(part, source);
            if (passage is null) continue;
            // A hedge covers the whole claim ("probably contributed …, researchers say"): a clause without one is not certain.
            var found = WordingConflicts.Find(part, source, passage).Where(c => c.Kind != "hedging").ToList();
            if (found.Count == 0) found = SlotConflicts.Find(part, source, passage, others);
            if (found.Count > 0) return new PassageConflicts(passage, found);
        }
        return null;
    }

    // The claim cut at its clause breaks, a piece with fewer than three content words joined to its neighbour
    // ("in Norway and Denmark" stays one piece).
    private static List<string> Clauses(string text)
    {
        var pieces = new List<string>();
        var at = 0;
        foreach (System.Text.RegularExpressions.Match m in ClauseBreak().Matches(text))
        {
            if (m.Length == 0) continue;
            Add(text[at..m.Index]);
            at = m.Index + m.Length;
        }
        Add(text[at..]);
        return pieces;

        void Add(string piece)
        {
            if (piece.Trim().Length == 0) return;
            // "According to researchers, …" joins what follows; a short piece later joins what precedes it.
            if (pieces.Count == 1 && ContentWords(pieces[0]) < 3) pieces[0] += " " + piece;
            else if (pieces.Count > 0 && ContentWords(piece) < 3) pieces[^1] += " " + piece;
            else pieces.Add(piece);
        }
    }

    // Words that are not stop words, or Han bigrams, counted without a full analysis (pieces are counted often).
    private static int ContentWords(string piece)
    {
        var n = 0;
        var i = 0;
        while (i < piece.Length)
        {
            if (Lexicon.IsHan(piece[i]))
            {
                if (i + 1 < piece.Length && Lexicon.IsHan(piece[i + 1])) n++;
                i++;
                continue;
            }
            if (!char.IsLetterOrDigit(piece[i]))
            {
                i++;
                continue;
            }
            var j = i;
            while (j < piece.Length && char.IsLetterOrDigit(piece[j]) && !Lexicon.IsHan(piece[j])) j++;
            if (!Lexicon.IsStopWord(piece[i..j].ToLowerInvariant())) n++;
            i = j;
        }
        return n;
    }

    // Bare counts of different things do not conflict: "the other two applicants" against "the seven-person commission".
    // The word right after each count (its noun, or the Han character of its measure word) must be the same, or stand
    // among the other's next few words ("60 intensive care beds" / "40 in intensive care"), unless one is a function word.
    private static bool SameCounted(string claimText, Quantity q, string sourceText, Quantity p)
    {
        if (q.Kind != QuantityKind.Number || p.Kind != QuantityKind.Number) return true;
        var (a, b) = (WordsAfter(claimText, q.End), WordsAfter(sourceText, p.End));
        if (a.Count == 0 || b.Count == 0 || Lexicon.IsStopWord(a[0]) || Lexicon.IsStopWord(b[0])) return true;
        return b.Contains(a[0]) || a.Contains(b[0]);
    }

    // Up to four words after a position, stemmed (a Han character counts as a word).
    private static List<string> WordsAfter(string text, int at)
    {
        var words = new List<string>(4);
        var i = at;
        while (i < text.Length && words.Count < 4)
        {
            while (i < text.Length && text[i] is ' ' or '-' or '\u00A0') i++;
            if (i >= text.Length) break;
            if (Lexicon.IsHan(text[i]))
            {
                words.Add(text[i].ToString());
                i++;
                continue;
            }
            var j = i;
            while (j < text.Length && char.IsLetter(text[j])) j++;
            if (j == i) break;
            words.Add(Lexicon.Stem(text[i..j].ToLowerInvariant()));
            i = j;
        }
        return words;
    }

    private static bool StatesNearby(AnalyzedText other, List<string> context, Quantity q)
    {
        var quantities = QuantityCache.Of(other);
        return other.Sentences.Any(s => context.Any(s.Analysis.TermSet.Contains) && Within(quantities, s).Any(p => p.Agrees(q)));
    }

    private static IEnumerable<Quantity> Within(List<Quantity> all, AnalyzedSentence s) => all.Where(p => p.Start >= s.Start && p.End <= s.End);

    /// <summary>The claim's distinct content terms next to a quantity: up to four words before it and two after, or the Han bigrams of six characters before and four after.</summary>
    internal static List<string> Context(AnalyzedText claim, Quantity q)
    {
        var terms = new List<string>();
        var before = claim.Tokens.Where(t => t.End <= q.Start).TakeLast(4);
        var after = claim.Tokens.Where(t => t.Start >= q.End).Take(2);
        foreach (var (token, start, end) in before.Concat(after))
        {
            if (Lexicon.IsHan(token[0]) || Lexicon.IsStopWord(token) || Lexicon.TryNumber(claim.Text.AsSpan(start, end - start), token, out _)) continue;
            terms.Add(Lexicon.Term(token));
        }
        var text = claim.Text;
        void Han(int from, int to)
        {
            for (var i = Math.Max(0, from); i + 1 < Math.Min(text.Length, to); i++)
            {
                if (Lexicon.IsHan(text[i]) && Lexicon.IsHan(text[i + 1])) terms.Add(Synonyms.Of(text.Substring(i, 2)));
            }
        }
        Han(q.Start - 6, q.Start);
        Han(q.End, q.End + 4);
        // Distinct once here: every sentence of the source is scored against these terms.
        return [.. terms.Distinct(StringComparer.Ordinal)];
    }

    // In how many sentences of the source each context term occurs (at least one, so a term no sentence has weighs nothing anyway).
    private static Dictionary<string, int> Frequencies(List<string> context, AnalyzedText source)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in context)
        {
            if (df.ContainsKey(t)) continue;
            df[t] = Math.Max(1, source.Sentences.Count(s => s.Analysis.TermSet.Contains(t)));
        }
        return df;
    }

    private static double Score(List<string> context, Dictionary<string, int> df, AnalyzedSentence sentence)
    {
        double score = 0;
        foreach (var t in context)
        {
            if (sentence.Analysis.TermSet.Contains(t)) score += Weight(t) / df[t];
        }
        return score;
    }

    // The sentence holding most of the claim's words that are not numbers; ties go to the earlier one.
    private static (AnalyzedSentence? Passage, double Score) Align(AnalyzedText claim, AnalyzedText source)
    {
        double total = 0;
        foreach (var t in claim.TermSet) if (!claim.Numbers.Contains(t)) total += Weight(t);
        if (total == 0) return (null, 0);
        AnalyzedSentence? best = null;
        double bestScore = 0;
        foreach (var s in source.Sentences)
        {
            var score = Overlap(claim, s);
            if (score > bestScore) (best, bestScore) = (s, score);
        }
        // The score returned is the share of the claim's weighted words the sentence holds.
        return bestScore >= MinimumAlignment * total ? (best, bestScore / total) : (null, 0);
    }

    private static double Overlap(AnalyzedText claim, AnalyzedSentence sentence)
    {
        double score = 0;
        foreach (var t in claim.TermSet)
        {
            if (!claim.Numbers.Contains(t) && sentence.Analysis.TermSet.Contains(t)) score += Weight(t);
        }
        return score;
    }

    /// <summary>How much a term counts in alignment: long words and Han bigrams say more than short words.</summary>
    internal static double Weight(string term) => term.Length >= 7 || Lexicon.IsHan(term[0]) ? 2 : 1;
}
