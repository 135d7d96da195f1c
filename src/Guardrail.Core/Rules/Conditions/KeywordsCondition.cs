using System.Globalization;
using System.Text;
using Guardrail.Text;
using Guardrail.Verdicts;

namespace Guardrail.Rules.Conditions;

/// <summary>
/// Matches listed keywords on the folded text (<c>keywords:</c>): whole words for Latin letters and
/// digits, substrings for CJK scripts, which have no spaces between words.
/// </summary>
public sealed class KeywordsCondition : IRuleCondition
{
    private readonly (string Written, string Folded, string Exact)[] _keywords;

    /// <summary>Creates the condition; keywords are folded the same way as the text (NFKC, lower case, zero-width removed).</summary>
    public KeywordsCondition(IEnumerable<string> keywords, bool ignoreCase = true)
    {
        IgnoreCase = ignoreCase;
        _keywords = keywords
            .Select(k => (k, NormalizedText.Create(k).Folded, FoldKeepCase(k)))
            .Where(k => k.Folded.Length > 0)
            .ToArray();
    }

    /// <summary>The keywords as written.</summary>
    public IReadOnlyList<string> Keywords => _keywords.Select(k => k.Written).ToArray();

    /// <summary>False requires the original text's letter case to equal the keyword's.</summary>
    public bool IgnoreCase { get; }

    /// <inheritdoc />
    public IEnumerable<string> Detectors => [];

    /// <inheritdoc />
    public ConditionResult Evaluate(RuleContext context)
    {
        var normalized = context.Normalized;
        var folded = normalized.Folded;
        List<ConditionMatch>? matches = null;
        foreach (var (written, keyword, exact) in _keywords)
        {
            for (var at = folded.IndexOf(keyword, StringComparison.Ordinal); at >= 0;
                 at = folded.IndexOf(keyword, at + 1, StringComparison.Ordinal))
            {
                var end = at + keyword.Length;
                if (IsWordChar(keyword[0]) && at > 0 && IsWordChar(folded[at - 1])) continue;
                if (IsWordChar(keyword[^1]) && end < folded.Length && IsWordChar(folded[end])) continue;
                var (start, stop) = normalized.ToOriginal(at, end);
                if (!IgnoreCase && FoldKeepCase(normalized.Original[start..stop]) != exact) continue;
                (matches ??= []).Add(new ConditionMatch(new TextSpan(start, stop), 1.0, 1.0, $"Matched keyword \"{written}\""));
            }
        }
        return matches is null ? ConditionResult.None : new ConditionResult(true, matches);
    }

    /// <summary>Letters and digits of scripts that separate words with spaces; CJK is excluded so it matches as substrings.</summary>
    internal static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !IsCjk(c);

    private static bool IsCjk(char c) =>
        c is >= '\u1100' and <= '\u11FF'   // Hangul Jamo
          or >= '\u2E80' and <= '\u9FFF'   // CJK radicals, kana, CJK unified ideographs
          or >= '\uA960' and <= '\uA97F'   // Hangul Jamo extended
          or >= '\uAC00' and <= '\uD7AF'   // Hangul syllables
          or >= '\uF900' and <= '\uFAFF'   // CJK compatibility ideographs
          or >= '\uFF66' and <= '\uFFDC';  // half-width kana and Hangul

    // The same fold as NormalizedText without lower-casing, for case-sensitive keywords.
    private static string FoldKeepCase(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(text, i) != UnicodeCategory.Format) sb.Append(text[i]);
        }
        return sb.ToString().Normalize(NormalizationForm.FormKC);
    }
}
