using System.Globalization;

namespace Guardrail.Grounding;

/// <summary>The small word lists alignment needs: stop words, negation cues, number words, a light stemmer.</summary>
internal static class Lexicon
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "in", "on", "at", "to", "for", "from", "by",
        "with", "as", "into", "onto", "about", "over", "under", "after", "before", "between", "during", "through",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "have", "has", "had",
        "it", "its", "this", "that", "these", "those", "there", "here", "which", "who", "whom", "whose", "what",
        "when", "where", "why", "how", "i", "you", "he", "she", "we", "they", "me", "him", "her", "us", "them",
        "my", "your", "his", "our", "their", "also", "than", "too", "very", "can", "could", "will", "would",
        "shall", "should", "may", "might", "must", "just", "only", "such", "some", "any", "each", "both", "all",
        "more", "most", "other", "same", "own", "up", "out", "off", "again", "further", "once", "while", "because",
        "until", "against", "above", "below", "down", "yes", "well", "one's", "s", "t", "d", "ll", "re", "ve", "m",
        "according", "known", "called", "named", "however", "although", "though", "yet", "still", "even", "many",
        "much", "like", "via", "per", "etc", "including", "include", "includes", "based",
        // Negation cues are not content, but Negated records them.
        "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "without", "cannot",
        "n't", "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "hasn't", "haven't", "hadn't",
        "won't", "wouldn't", "can't", "couldn't", "shouldn't",
        // Chinese function characters, as single-character terms (bigrams are built separately).
        "的", "了", "是", "在", "和", "与", "及", "也", "就", "都", "而", "之",
    };

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "without", "cannot",
        "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "hasn't", "haven't", "hadn't",
        "won't", "wouldn't", "can't", "couldn't", "shouldn't", "n't",
    };

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["zero"] = "0", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6",
        ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12",
        ["twenty"] = "20", ["thirty"] = "30", ["forty"] = "40", ["fifty"] = "50", ["hundred"] = "100",
        ["first"] = "1st", ["second"] = "2nd", ["third"] = "3rd", ["fourth"] = "4th", ["fifth"] = "5th",
    };

    /// <summary>True for CJK unified ideographs (and the common extension blocks).</summary>
    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>Chinese negation characters.</summary>
    public static bool IsHanNegation(char c) => c is '不' or '没' or '沒' or '无' or '無' or '非' or '未' or '别' or '否';

    public static bool IsStopWord(string token) => StopWords.Contains(token);

    // Chinese function characters (particles, demonstratives, measure words, prepositions): a bigram that holds one
    // ("年的", "这份", "被二") is grammar, not content, the way "the" and "of" are in English, and a paraphrase changes it freely.
    private const string HanFunction = "的了是在这那该此其之与和及也都就而被把将对从向于以为又还很所着吗呢吧啊个位份种些每";

    /// <summary>Whether a Han character is a function character (a bigram holding one is not a content term).</summary>
    public static bool IsHanFunction(char c) => HanFunction.Contains(c);

    public static bool IsNegation(string token) => Negations.Contains(token) || token.EndsWith("n't", StringComparison.Ordinal);

    /// <summary>Canonical form of a number token: digits without group separators, a number word as digits, "1st" kept.</summary>
    public static bool TryNumber(ReadOnlySpan<char> raw, string token, out string number)
    {
        if (NumberWords.TryGetValue(token, out var n))
        {
            number = n;
            return true;
        }
        var digits = 0;
        foreach (var c in raw) if (char.IsDigit(c)) digits++;
        if (digits == 0)
        {
            number = "";
            return false;
        }
        var s = token.Replace(",", "", StringComparison.Ordinal);
        if (decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            s = d.ToString(CultureInfo.InvariantCulture);
            if (s.Contains('.', StringComparison.Ordinal)) s = s.TrimEnd('0').TrimEnd('.');
        }
        number = s;
        return true;
    }

    /// <summary>The content term a word stands for: its stem, with synonyms folded to one (<see cref="Synonyms"/>).</summary>
    public static string Term(string w) => Synonyms.Of(Stem(w));

    /// <summary>A light suffix stripper (plural and common verb endings), enough to match "opened" with "opens".</summary>
    public static string Stem(string w)
    {
        if (w.Length <= 3 || !char.IsAsciiLetterLower(w[^1])) return w;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4) return w[..^3] + "y";
        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5) return w[..^3];
        if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 4) return w[..^2];
        if (w.EndsWith("es", StringComparison.Ordinal) && w.Length > 4 && (w[^3] is 's' or 'x' or 'z' || w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal))) return w[..^2];
        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal)) return w[..^1];
        if (w.EndsWith('e') && w.Length > 4) return w[..^1]; // "create" ~ "created" → "creat"
        return w;
    }
}
