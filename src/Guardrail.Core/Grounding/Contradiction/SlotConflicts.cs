namespace Guardrail.Grounding.Contradiction;

/// <summary>
/// A name or term the answer puts where the restated passage has another: "isolated by the Danish chemist" against
/// "the Swedish chemist", "the west wing was added in 1790" where the source says the east wing was (and the west wing
/// burned down). The claim's words are aligned in order with the passage's (a longest common subsequence of stems); a gap
/// where each side has words the other lacks is a substituted slot.
/// </summary>
/// <remarks>
/// A substitution is only a contradiction when it is telling, since paraphrase substitutes words too ("is run by" /
/// "is operated by"): both sides name something (capitalised words, not sentence-initial), or the answer's word is one
/// the same source uses in another sentence (a term moved from one fact to another), unless it is a name the passage
/// refers to another way ("Skerra" for "the island": the claim resolved a reference). The rest of the claim must restate
/// the passage (<see cref="MinimumRestated"/> of its weighted words), numbers are left to <see cref="ConflictFinder"/>'s
/// quantities, an acronym of the other side's words is no conflict, and neither is a claim whose substituted words another
/// sentence (or another source the claim may draw on) states beside as much of the claim.
/// </remarks>
internal static class SlotConflicts
{
    /// <summary>The share of the claim's weighted words outside the substituted slot that the passage must hold.</summary>
    public const double MinimumRestated = 0.75;

    private const int MaxSlot = 5;

    // Capitalised: an upper-case initial not at a sentence's start (a name); Upper: any upper-case initial.
    private enum Boundary { None, StopWord, Punctuation }

    private readonly record struct Word(string Stem, int Start, int End, bool Capitalised, bool Upper, bool Number);

    /// <summary>The substituted slots of <paramref name="claim"/> against <paramref name="sentence"/> of <paramref name="source"/>; empty when none is telling.</summary>
    public static List<Conflict> Find(AnalyzedText claim, AnalyzedText source, AnalyzedSentence sentence, IReadOnlyList<AnalyzedText> others)
    {
        var found = new List<Conflict>();
        // Most claims hold no word the passage lacks: nothing can have been substituted, and alignment is skipped.
        var held = sentence.Analysis.TermSet;
        var lacking = false;
        foreach (var t in claim.TermSet) lacking |= !held.Contains(t) && !claim.Numbers.Contains(t);
        if (!lacking) return found;
        var c = Words(claim, 0, claim.Text.Length, out var cBoundaries);
        var s = Words(source, sentence.Start, sentence.End, out var sBoundaries);
        if (c.Count < 3 || s.Count < 2) return found;
        var matched = Lcs(c, s);
        if (matched.Count == 0) return found;
        // Gaps between consecutive anchors; before the first and after the last, the passage's side reaches to a clause boundary.
        for (var k = -1; k < matched.Count; k++)
        {
            var (cFrom, sFrom) = k < 0 ? (0, 0) : (matched[k].C + 1, matched[k].S + 1);
            var (cTo, sTo) = k + 1 < matched.Count ? (matched[k + 1].C, matched[k + 1].S) : (c.Count, s.Count);
            // "at McGill University before" / "at the University of Toronto before": two half-gaps around one shared word are one slot.
            if (k + 2 < matched.Count && cTo > cFrom != sTo > sFrom && matched[k + 2].C - matched[k + 1].C - 1 > 0 != cTo > cFrom
                && matched[k + 2].S - matched[k + 1].S - 1 > 0 != sTo > sFrom)
            {
                (cTo, sTo) = (matched[k + 2].C, matched[k + 2].S);
                k++;
            }
            if (k < 0) sFrom = ClauseStart(sBoundaries, sTo);
            if (k + 1 >= matched.Count) sTo = ClauseEnd(s.Count, sBoundaries, sFrom);
            if (cTo - cFrom is 0 or > MaxSlot || sTo - sFrom is 0 or > MaxSlot) continue;
            // One phrase of the claim: "48 turbines and should power about 200,000 homes" is a second fact, not a slot.
            if (Enumerable.Range(cFrom + 1, cTo - cFrom - 1).Any(i => cBoundaries[i] == Boundary.Punctuation || (cBoundaries[i] == Boundary.StopWord && !c[i].Number))) continue;
            // A clause of its own at the claim's end (", according to the country list") is not a slot of the passage's.
            if (k + 1 >= matched.Count && k >= 0 && cBoundaries[cFrom] == Boundary.Punctuation) continue;
            var a = c.GetRange(cFrom, cTo - cFrom);
            var b = s.GetRange(sFrom, sTo - sFrom);
            var aNew = a.Where(w => !held.Contains(w.Stem)).ToList();
            var bNew = b.Where(w => !claim.TermSet.Contains(w.Stem)).ToList();
            // Numbers alone are the quantities' to compare ("Children under 12" is a slot, "12" is not).
            if (aNew.Count == 0 || bNew.Count == 0 || aNew.All(w => w.Number) || bNew.All(w => w.Number)) continue;
            aNew.RemoveAll(w => w.Number);
            bool ElsewhereInSource(Word w) => source.Sentences.Any(o => o != sentence && o.Analysis.TermSet.Contains(w.Stem));
            // Names on both sides: a capitalised word inside the claim, or one at its start that the source names elsewhere
            // ("Mendes scored twice" where Kovac did and Mendes scored later).
            var names = (aNew.Any(w => w.Capitalised) || aNew.Any(w => w.Upper && ElsewhereInSource(w))) && b.Any(w => w.Upper)
                && !Acronym(aNew, claim.Text, b, source.Text) && !Acronym(bNew, source.Text, a, claim.Text);
            // A name the passage calls "the island" or "she" is the claim resolving a reference, not moving a term.
            var moved = !(aNew.Any(w => w.Upper) && !b.Any(w => w.Upper)) && Moved(claim, source, sentence, aNew);
            if (!names && !moved) continue;
            if (Restated(claim, held, aNew) < MinimumRestated) continue;
            if (StatedElsewhere(claim, source, sentence, others, aNew)) continue;
            found.Add(new Conflict(names ? "name" : "term", Surface(claim.Text, a), Surface(source.Text, b)));
            break; // one slot says what differs; more would mostly be the alignment's noise
        }
        return found;
    }

    // Content words (stop words and Han characters left out), with whether a clause boundary (",", ";", "(", …) precedes each.
    private static List<Word> Words(AnalyzedText text, int start, int end, out List<Boundary> boundaryBefore)
    {
        var words = new List<Word>();
        boundaryBefore = [];
        var first = true;
        var previousEnd = start;
        var stopSince = false;
        var quantities = QuantityCache.Of(text);
        foreach (var (token, from, to) in text.Tokens)
        {
            if (from < start || to > end) continue;
            // Since the last content word: ", according to the country list" is a new clause however many stop words follow the comma.
            var between = text.Text.AsSpan(previousEnd, from - previousEnd);
            var boundary = between.IndexOfAny(",;:()[]—–\"“”") >= 0 ? Boundary.Punctuation : stopSince ? Boundary.StopWord : Boundary.None;
            if (Lexicon.IsHan(token[0]))
            {
                first = false;
                previousEnd = to;
                continue;
            }
            if (Lexicon.IsStopWord(token))
            {
                // A stop word after a content word ends a slot the way a comma does ("in Rust and exposes").
                stopSince = words.Count > 0 || stopSince;
                first = false;
                continue;
            }
            previousEnd = to;
            // A month in a date is part of a quantity, compared as one ("Nov. 7, 2022" / "7 November 2022").
            var number = Lexicon.TryNumber(text.Text.AsSpan(from, to - from), token, out _) || quantities.Any(q => q.Start <= from && to <= q.End);
            var upper = char.IsUpper(text.Text[from]);
            words.Add(new Word(Lexicon.Term(token), from, to, upper && !first && !SentenceStart(text.Text, from), upper, number));
            boundaryBefore.Add(boundary);
            stopSince = false;
            first = false;
        }
        return words;
    }

    private static bool SentenceStart(string text, int at)
    {
        var k = at - 1;
        while (k >= 0 && (char.IsWhiteSpace(text[k]) || text[k] is '"' or '“' or '(' or '\'')) k--;
        return k < 0 || text[k] is '.' or '!' or '?' or '\n' or ':';
    }

    // Walking back from the first anchor: the slot starts at the word after the nearest clause boundary, at most MaxSlot words back.
    private static int ClauseStart(List<Boundary> boundaries, int anchor)
    {
        if (anchor == 0) return 0;
        var from = anchor - 1;
        while (from > 0 && boundaries[from] == Boundary.None && anchor - from < MaxSlot) from--;
        return from;
    }

    // Walking on from the last anchor: the slot ends at the next clause boundary, at most MaxSlot words on.
    private static int ClauseEnd(int count, List<Boundary> boundaries, int from)
    {
        var to = from;
        while (to < count && to - from < MaxSlot && (to == from || boundaries[to] == Boundary.None)) to++;
        return to;
    }

    // The answer's words stand in another sentence of the source beside more of the claim ("the west wing burned down"
    // for "the west wing was added"), or are a phrase of two or more words it states ("operating profit fell 3%"): a
    // single word the other sentence shares with nothing else of the claim is just a word used twice ("tours run").
    private static bool Moved(AnalyzedText claim, AnalyzedText source, AnalyzedSentence passage, List<Word> moved)
    {
        foreach (var o in source.Sentences)
        {
            if (o == passage || !moved.Any(w => o.Analysis.TermSet.Contains(w.Stem))) continue;
            if (moved.Count >= 2 && moved.All(w => o.Analysis.TermSet.Contains(w.Stem))) return true;
            foreach (var t in claim.TermSet)
            {
                if (!claim.Numbers.Contains(t) && !moved.Any(w => w.Stem == t) && o.Analysis.TermSet.Contains(t)) return true;
            }
        }
        return false;
    }

    // Longest common subsequence of stems, as matched index pairs in order.
    private static List<(int C, int S)> Lcs(List<Word> c, List<Word> s)
    {
        var n = c.Count;
        var m = s.Count;
        var table = new int[(n + 1) * (m + 1)];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                table[i * (m + 1) + j] = c[i].Stem == s[j].Stem
                    ? table[(i + 1) * (m + 1) + j + 1] + 1
                    : Math.Max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1]);
            }
        }
        var pairs = new List<(int, int)>();
        for (int i = 0, j = 0; i < n && j < m;)
        {
            if (c[i].Stem == s[j].Stem)
            {
                pairs.Add((i, j));
                i++;
                j++;
            }
            else if (table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1]) i++;
            else j++;
        }
        return pairs;
    }

    // "UN" against "United Nations": the same name, shortened.
    private static bool Acronym(List<Word> shortSide, string shortText, List<Word> longSide, string longText)
    {
        if (shortSide.Count != 1 || longSide.Count < 2) return false;
        // Initials as written: a stem may be a folded synonym ("nations" is "country").
        var initials = string.Concat(longSide.Select(w => char.ToLowerInvariant(longText[w.Start])));
        return string.Equals(shortText[shortSide[0].Start..shortSide[0].End].ToLowerInvariant(), initials, StringComparison.Ordinal);
    }

    // The share of the claim's weighted terms, other than the substituted ones and numbers, that the passage holds.
    private static double Restated(AnalyzedText claim, HashSet<string> held, List<Word> substituted)
    {
        double total = 0, hit = 0;
        foreach (var t in claim.TermSet)
        {
            if (claim.Numbers.Contains(t) || substituted.Any(w => w.Stem == t)) continue;
            var weight = ConflictFinder.Weight(t);
            total += weight;
            if (held.Contains(t)) hit += weight;
        }
        return total == 0 ? 0 : hit / total;
    }

    // Another sentence of this source, or a sentence of another source the claim may draw on, that states the substituted
    // words beside as many of the claim's words as the passage: that one may be what the claim restates.
    private static bool StatedElsewhere(AnalyzedText claim, AnalyzedText source, AnalyzedSentence passage, IReadOnlyList<AnalyzedText> others, List<Word> substituted)
    {
        var need = Overlap(claim, passage.Analysis.TermSet);
        foreach (var s in source.Sentences)
        {
            if (s != passage && substituted.All(w => s.Analysis.TermSet.Contains(w.Stem)) && Overlap(claim, s.Analysis.TermSet) >= need) return true;
        }
        foreach (var other in others)
        {
            if (ReferenceEquals(other, source)) continue;
            foreach (var s in other.Sentences)
            {
                if (substituted.All(w => s.Analysis.TermSet.Contains(w.Stem)) && Overlap(claim, s.Analysis.TermSet) >= need * 0.75) return true;
            }
        }
        return false;
    }

    private static int Overlap(AnalyzedText claim, HashSet<string> terms)
    {
        var n = 0;
        foreach (var t in claim.TermSet) if (terms.Contains(t)) n++;
        return n;
    }

    // The slot as written, from its first word to its last ("C++" keeps its pluses).
    private static string Surface(string text, List<Word> words)
    {
        var end = words[^1].End;
        while (end < text.Length && text[end] is '+' or '#') end++;
        return text[words[0].Start..end];
    }
}
