using Guardrail.Text;
using Guardrail.Verdicts;

namespace Guardrail.Rules.Conditions;

/// <summary>
/// Matches listed keywords on the deobfuscated text (<c>keywords:</c>): whole words for Latin letters and
/// digits, substrings for CJK scripts, which have no spaces between words.
/// </summary>
public sealed class KeywordsCondition : IRuleCondition
{
    private readonly (string Written, string Folded, string Exact)[] _keywords;

    /// <summary>
    /// Creates the condition; keywords are folded the same way as the text (<see cref="NormalizedText.Create"/>:
    /// NFKC, lower case, invisible characters removed, look-alikes folded) and, unless <paramref name="ignoreCase"/> is false, deobfuscated, so "idiot" also matches
    /// "1d10t" and "i.d.i.o.t", and "傻逼" matches "sb".
    /// </summary>
    public KeywordsCondition(IEnumerable<string> keywords, bool ignoreCase = true)
    {
        IgnoreCase = ignoreCase;
        _keywords = keywords
            .Select(k => (Written: k, Folded: Fold(k, ignoreCase), Exact: NormalizedText.CreateCased(k).Folded))
            .Where(k => k.Folded.Length > 0)
            .ToArray();
    }

    /// <summary>The keywords as written.</summary>
    public IReadOnlyList<string> Keywords => _keywords.Select(k => k.Written).ToArray();

    /// <summary>
    /// False requires the original text's letter case to equal the keyword's; such keywords match the text
    /// as written (only folded), since a deobfuscated match has no case of its own to compare.
    /// </summary>
    public bool IgnoreCase { get; }

    /// <inheritdoc />
    public IEnumerable<string> Detectors => [];

    /// <inheritdoc />
    public ConditionResult Evaluate(RuleContext context)
    {
        var normalized = IgnoreCase ? context.Deobfuscated : context.Normalized;
        var folded = normalized.Folded;
        List<ConditionMatch>? matches = null;
        foreach (var (written, keyword, exact) in _keywords)
        {
            for (var at = folded.IndexOf(keyword, StringComparison.Ordinal); at >= 0;
                 at = folded.IndexOf(keyword, at + 1, StringComparison.Ordinal))
            {
                var end = at + keyword.Length;
                if (Scripts.IsWordChar(keyword[0]) && at > 0 && Scripts.IsWordChar(folded[at - 1])) continue; // whole words for Latin, substrings for CJK
                if (Scripts.IsWordChar(keyword[^1]) && end < folded.Length && Scripts.IsWordChar(folded[end])) continue;
                // Case-sensitive keywords match on Normalized, whose positions are those of the cased fold.
                if (!IgnoreCase && !context.Cased.Folded.AsSpan(at, keyword.Length).SequenceEqual(exact)) continue;
                var (start, stop) = normalized.ToOriginal(at, end);
                (matches ??= []).Add(new ConditionMatch(new TextSpan(start, stop), 1.0, 1.0, $"Matched keyword \"{written}\""));
            }
        }
        return matches is null ? ConditionResult.None : new ConditionResult(true, matches);
    }

    private static string Fold(string keyword, bool ignoreCase)
    {
        var plain = NormalizedText.Create(keyword);
        return ignoreCase ? Deobfuscation.Apply(plain, assumeChinese: true).Folded : plain.Folded;
    }
}
