using System.Globalization;
using System.Text;
using Guardrail.Text;

namespace Guardrail.Grounding;

/// <summary>
/// A text reduced to what claim-versus-evidence alignment compares: content terms (lower-cased, lightly stemmed,
/// stop words dropped; Chinese as character bigrams), word bigrams, character trigrams, numbers, capitalised names
/// and negation cues, plus its sentences with their own term sets. Built once per source and once per claim;
/// immutable and thread-safe afterwards.
/// </summary>
public sealed class AnalyzedText
{
    private AnalyzedText(string text)
    {
        Text = text;
    }

    /// <summary>The original text; spans index it.</summary>
    public string Text { get; }

    /// <summary>Content terms in order of appearance (duplicates kept).</summary>
    public List<string> Terms { get; } = [];

    /// <summary>Distinct content terms.</summary>
    public HashSet<string> TermSet { get; } = new(StringComparer.Ordinal);

    /// <summary>Adjacent word pairs (stop words included, so "not in" and "in 1912" count), as "a b".</summary>
    public HashSet<string> Bigrams { get; } = new(StringComparer.Ordinal);

    /// <summary>Character trigrams of content terms (with boundary marks), for inflections and unsegmented scripts.</summary>
    public HashSet<string> CharTrigrams { get; } = new(StringComparer.Ordinal);

    /// <summary>Numbers in canonical form ("1,200" and "1200" are one number; "two" is 2).</summary>
    public HashSet<string> Numbers { get; } = new(StringComparer.Ordinal);

    /// <summary>Capitalised words that are not stop words (names, places), lower-cased and stemmed like terms.</summary>
    public HashSet<string> Entities { get; } = new(StringComparer.Ordinal);

    /// <summary>The Chinese numerals read as numbers (<see cref="Numbers"/> holds them too), with their spans; null when none.</summary>
    internal List<(string Number, int Start, int End)>? ChineseNumbers { get; private set; }

    /// <summary>The Han characters of the text (Chinese read one character at a time); empty for other scripts.</summary>
    public IReadOnlySet<char> HanCharacters => _han ?? NoHan;

    // Allocated at the first Han character: most texts (and every sentence's light analysis) have none.
    private HashSet<char>? _han;
    private static readonly HashSet<char> NoHan = [];

    /// <summary>Whether the text contains a negation cue (not, never, n't, 不, 没, ...).</summary>
    public bool Negated { get; private set; }

    /// <summary>Number of word tokens (stop words included).</summary>
    public int TokenCount { get; private set; }

    /// <summary>All word tokens, normalised (stop words included), with their spans in <see cref="Text"/>.</summary>
    public List<(string Token, int Start, int End)> Tokens { get; } = [];

    /// <summary>
    /// The sentences with words. A sentence's analysis is light: it holds only <see cref="TermSet"/>, <see cref="Negated"/>
    /// and <see cref="TokenCount"/> (what sentence-level alignment reads); its other collections stay empty.
    /// </summary>
    public List<AnalyzedSentence> Sentences { get; } = [];

    // While the whole text is tokenised, each term also lands in the sentence that holds it: one pass over the text
    // instead of two, and no n-gram sets per sentence. Sources are analysed once per exchange, and with 20 sources of
    // 5 KB the second pass and its sets were most of the grounding check's time.
    private List<(int Start, int End, AnalyzedText Light)>? _sinks;
    private int _sink;
    private AnalyzedText? _current;

    /// <summary>Analyses <paramref name="text"/> and, with <paramref name="sentences"/>, each of its sentences.</summary>
    public static AnalyzedText Analyze(string text, bool sentences = true)
    {
        var a = new AnalyzedText(text);
        if (sentences)
        {
            a._sinks = [];
            foreach (var r in SentenceSplitter.Split(text))
            {
                var (start, length) = r.GetOffsetAndLength(text.Length);
                a._sinks.Add((start, start + length, new AnalyzedText(text)));
            }
        }
        a.Fill(text.AsSpan(), 0);
        a.AddChineseNumerals();
        if (a._sinks is { } sinks)
        {
            foreach (var (start, end, light) in sinks) if (light.TokenCount > 0) a.Sentences.Add(new AnalyzedSentence(start, end, light));
            a._sinks = null;
            a._current = null;
        }
        return a;
    }

    // The sentence holding the token that starts at position (positions only grow during one Fill).
    private void Enter(int position)
    {
        if (_sinks is not { } sinks) return;
        while (_sink < sinks.Count - 1 && position >= sinks[_sink].End) _sink++;
        _current = sinks.Count == 0 ? null : sinks[_sink].Light;
        if (_current is not null) _current.TokenCount++;
    }

    private void Fill(ReadOnlySpan<char> span, int offset)
    {
        string? previous = null;
        var i = 0;
        var sentenceStart = true;
        while (i < span.Length)
        {
            var c = span[i];
            if (Lexicon.IsHan(c))
            {
                var j = i;
                while (j < span.Length && Lexicon.IsHan(span[j])) j++;
                AddHanRun(span[i..j], offset + i);
                previous = null;
                sentenceStart = false;
                i = j;
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                var j = i + 1;
                while (j < span.Length && (char.IsLetterOrDigit(span[j])
                    || (span[j] is '\'' or '’' && j + 1 < span.Length && char.IsLetter(span[j + 1]))
                    || (span[j] is ',' or '.' && char.IsDigit(span[j - 1]) && j + 1 < span.Length && char.IsDigit(span[j + 1]))))
                {
                    if (Lexicon.IsHan(span[j])) break;
                    j++;
                }
                var raw = span[i..j];
                var token = Normalize(raw);
                Enter(offset + i);
                Tokens.Add((token, offset + i, offset + j));
                TokenCount++;
                if (previous is not null) Bigrams.Add(previous + " " + token);
                previous = token;
                if (Lexicon.IsNegation(token))
                {
                    Negated = true;
                    if (_current is not null) _current.Negated = true;
                }
                if (Lexicon.TryNumber(raw, token, out var number))
                {
                    Numbers.Add(number);
                    AddTerm(number);
                }
                else if (!Lexicon.IsStopWord(token))
                {
                    var stem = Lexicon.Term(token);
                    AddTerm(stem);
                    if (char.IsUpper(raw[0]) && !sentenceStart) Entities.Add(stem);
                    else if (char.IsUpper(raw[0]) && raw.Length > 1 && HasInnerUpperOrIsLong(raw)) Entities.Add(stem);
                }
                sentenceStart = false;
                i = j;
                continue;
            }
            if (c is '.' or '!' or '?' or '\n' or ':' or ';') sentenceStart = true;
            if (!char.IsWhiteSpace(c) && c is not '-' and not '\'' and not '"') previous = null;
            i++;
        }
    }

    // "十七岁", "五万二千名", "二十八点五公里": a Chinese numeral is a number like the digits, in Numbers and as a term,
    // so that a claim writing "17岁" finds it (the numeral's characters stay terms as well).
    private void AddChineseNumerals()
    {
        if (_han is null) return;
        foreach (var (number, start, end) in Contradiction.QuantityReader.ChineseNumerals(Text))
        {
            (ChineseNumbers ??= []).Add((number, start, end));
            Numbers.Add(number);
            Terms.Add(number);
            TermSet.Add(number);
            AddTrigrams(number);
            if (_sinks is not { } sinks) continue;
            foreach (var (from, to, light) in sinks)
            {
                if (start < from || start >= to) continue;
                light.TermSet.Add(number);
                break;
            }
        }
    }

    // A sentence-initial capital says nothing; "NASA" or "McDonald" still does.
    private static bool HasInnerUpperOrIsLong(ReadOnlySpan<char> raw)
    {
        for (var k = 1; k < raw.Length; k++) if (char.IsUpper(raw[k])) return true;
        return false;
    }

    private void AddHanRun(ReadOnlySpan<char> run, int start)
    {
        var hasNegation = false;
        foreach (var ch in run) hasNegation |= Lexicon.IsHanNegation(ch);
        Enter(start);
        if (hasNegation)
        {
            Negated = true;
            if (_current is not null) _current.Negated = true;
        }
        for (var k = 0; k < run.Length; k++)
        {
            if (k > 0 && _current is not null) _current.TokenCount++;
            Tokens.Add((run[k].ToString(), start + k, start + k + 1));
            (_han ??= []).Add(run[k]);
            TokenCount++;
            // Each character is a token, so adjacent characters are the word bigrams (runs of them are what
            // longest_run_share measures) and three in a row the character trigrams, as for spaced scripts.
            if (k > 0) Bigrams.Add(run[k - 1] + " " + run[k]);
            if (k + 2 < run.Length) CharTrigrams.Add(new string(run.Slice(k, 3)));
            if (k + 1 < run.Length)
            {
                if (!Lexicon.IsHanFunction(run[k]) && !Lexicon.IsHanFunction(run[k + 1])) AddTerm(Synonyms.Of(new string(run.Slice(k, 2))));
            }
            else if (run.Length == 1 && !Lexicon.IsHanFunction(run[k])) AddTerm(run[k].ToString());
        }
    }

    private void AddTerm(string term)
    {
        Terms.Add(term);
        TermSet.Add(term);
        _current?.TermSet.Add(term);
        if (Lexicon.IsHan(term[0])) return; // Han bigrams already are character n-grams
        AddTrigrams(term);
    }

    private void AddTrigrams(string term)
    {
        var padded = "<" + term + ">";
        for (var k = 0; k + 3 <= padded.Length; k++) CharTrigrams.Add(padded.Substring(k, 3));
    }

    private static string Normalize(ReadOnlySpan<char> raw)
    {
        var s = raw.ToString();
        if (!s.IsNormalized(NormalizationForm.FormKC)) s = s.Normalize(NormalizationForm.FormKC);
        s = s.Replace('’', '\'').ToLower(CultureInfo.InvariantCulture);
        return s.EndsWith("'s", StringComparison.Ordinal) ? s[..^2] : s;
    }
}

/// <summary>One sentence of an <see cref="AnalyzedText"/>: its span in the whole text and its own analysis.</summary>
/// <param name="Start">Start in the whole text.</param>
/// <param name="End">End in the whole text (exclusive).</param>
/// <param name="Analysis">The sentence's terms.</param>
public sealed record AnalyzedSentence(int Start, int End, AnalyzedText Analysis);
