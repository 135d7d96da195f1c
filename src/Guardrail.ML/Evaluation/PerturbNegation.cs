using System.Text.RegularExpressions;

namespace Guardrail.ML.Evaluation;

/// <summary>The negation insertion and removal of <see cref="PerturbedCases"/>.</summary>
internal static partial class PerturbNegation
{
    // Lower case only: a capitalised "Will" or "Can" is more often a name or a question than the auxiliary.
    [GeneratedRegex(@"(?<![\p{L}'’])(?:is|was|are|were|has|have|had|can|will|does|did|could|should)(?![\p{L}'’])")]
    private static partial Regex Auxiliary();

    [GeneratedRegex(@"(?<![\p{L}'’])(?:not|never|cannot|\p{L}+n['’]t)(?![\p{L}'’])", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    [GeneratedRegex(@"^\s*([\p{L}\p{N}][\p{L}\p{N}'’\-]*)")]
    private static partial Regex NextWord();

    [GeneratedRegex(@"([\p{L}\p{N}][\p{L}\p{N}'’\-]*)\s*$")]
    private static partial Regex PreviousWord();

    // "not only X but Y", "not really," and "whether or not" lose no claim when the "not" goes: removing it would not contradict.
    private static readonly HashSet<string> NoFlipAfterNot = new(StringComparer.OrdinalIgnoreCase) { "only", "just", "merely", "least", "necessarily", "really" };

    // Irregular past participles and the adverbs that sit between "has" and one: "has" is then the perfect's auxiliary.
    private static readonly HashSet<string> PerfectWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "been", "won", "made", "had", "got", "done", "gone", "left", "lost", "held", "built", "taught", "brought", "sold", "told",
        "found", "become", "begun", "run", "set", "put", "kept", "met", "paid", "read", "said", "sent", "spent", "stood", "thought",
        "led", "fought", "caught", "bought", "heard", "felt", "hit", "cut", "let", "sung", "sat", "come",
        "also", "always", "already", "just", "since", "ever", "still", "often", "long", "recently", "previously",
    };

    /// <summary>"not" after the claim's one auxiliary or copula, or null when it has none, several, or a negated one.</summary>
    public static PerturbedText? Insert(string claim)
    {
        var auxiliaries = Auxiliary().Matches(claim);
        if (auxiliaries.Count != 1) return null;
        var aux = auxiliaries[0];
        var end = aux.Index + aux.Length;
        var next = Next(claim, end);
        if (next is null || Negation().Match(next) is { Success: true } m && m.Length == next.Length) return null;
        // "is not only X" still says X.
        if (next.Equals("only", StringComparison.OrdinalIgnoreCase) || next.Equals("just", StringComparison.OrdinalIgnoreCase)) return null;
        if (aux.Value is "has" or "have" or "had" && !PerfectFollows(next))
        {
            // "have" as the main verb takes "do": "they have shops" becomes "they do not have shops", not "have not shops".
            var does = aux.Value switch { "has" => "does", "have" => "do", _ => "did" };
            return new PerturbedText(claim[..aux.Index] + does + " not have" + claim[end..], $"{does} not have {next}", $"{aux.Value} {next}");
        }
        return new PerturbedText(claim[..end] + " not" + claim[end..], $"{aux.Value} not {next}", $"{aux.Value} {next}");
    }

    /// <summary>The claim's one negation removed ("doesn't run" → "does run", "won't" → "will"), or null when it has none or several.</summary>
    public static PerturbedText? Remove(string claim)
    {
        var negations = Negation().Matches(claim);
        if (negations.Count != 1) return null;
        var neg = negations[0];
        var end = neg.Index + neg.Length;
        var next = Next(claim, end);
        var word = neg.Value;
        if (word.Equals("not", StringComparison.OrdinalIgnoreCase) || word.Equals("never", StringComparison.OrdinalIgnoreCase))
        {
            if (next is not null && NoFlipAfterNot.Contains(next)) return null;
            var before = claim[..neg.Index];
            if (before.TrimEnd().EndsWith(" or", StringComparison.OrdinalIgnoreCase) || before.TrimEnd().EndsWith(" if", StringComparison.OrdinalIgnoreCase)) return null;
            var previous = PreviousWord().Match(before) is { Success: true } p ? p.Groups[1].Value : null;
            // Sentence-initial "Never" leaves the next word at the start: capitalise it.
            var rest = claim[end..].TrimStart();
            var text = before.Length == 0 ? Capitalise(rest) : before.TrimEnd() + (rest.Length > 0 && char.IsLetterOrDigit(rest[0]) ? " " : "") + rest;
            return new PerturbedText(text, Join(previous, next), Join(previous, word, next));
        }
        var positive = Positive(word);
        if (positive is null) return null;
        return new PerturbedText(claim[..neg.Index] + positive + claim[end..], Join(positive, next), Join(word, next));
    }

    // The auxiliary a contraction negates; irregular ones first ("won't" is "will", "can't" and "cannot" are "can").
    private static string? Positive(string word)
    {
        var lower = word.ToLowerInvariant().Replace('’', '\'');
        var positive = lower switch
        {
            "cannot" or "can't" => "can",
            "won't" => "will",
            "shan't" => "shall",
            "ain't" => null,
            _ => lower[..^3],
        };
        if (string.IsNullOrEmpty(positive)) return null;
        return char.IsUpper(word[0]) ? Capitalise(positive) : positive;
    }

    private static bool PerfectFollows(string next) =>
        PerfectWords.Contains(next) || next.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || next.EndsWith("en", StringComparison.OrdinalIgnoreCase) || next.EndsWith("wn", StringComparison.OrdinalIgnoreCase);

    private static string? Next(string text, int from) => NextWord().Match(text[from..]) is { Success: true } m ? m.Groups[1].Value : null;

    private static string Join(params string?[] words) => string.Join(' ', words.Where(w => w is not null));

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
