using Guardrail.Text;

namespace Guardrail.Grounding;

/// <summary>Decides whether a sentence is a checkable factual claim: not a question, heading, pleasantry or code.</summary>
internal static class ClaimFilter
{
    // Pleasantries and meta talk that carry no claim about the sources; only short sentences are matched, so a
    // long factual sentence that happens to contain "here is" is still checked.
    private static readonly string[] Boilerplate =
    [
        "hope this helps", "hope that helps", "let me know", "feel free", "happy to help", "glad to help",
        "glad i could help", "great question", "good question", "you're welcome", "you are welcome", "thank you",
        "thanks", "i can help", "i'd be happy", "i would be happy", "here is", "here are", "here's", "in summary",
        "to summarize", "sure", "certainly", "of course", "i'm not sure", "i am not sure", "i don't know",
        "as an ai", "anything else",
        "希望", "有帮助", "请随时", "如有", "还有其他问题", "当然", "好的", "总之", "以下是", "不客气", "谢谢",
    ];

    private const int ShortSentenceWords = 12;

    /// <summary>
    /// Why <paramref name="content"/> (a sentence, citations blanked) is not checkable, or <see cref="ClaimSkip.None"/>.
    /// A <paramref name="cited"/> sentence is never dismissed as generic or too short: its marker says it comes from a
    /// source ("Samsung [2]." answers a question), so only questions, headings, code and unsupported languages are skipped.
    /// </summary>
    public static ClaimSkip Classify(string content, string language, bool allCode, bool cited = false)
    {
        if (allCode) return ClaimSkip.Code;
        if (language == LanguageGuess.None) return ClaimSkip.NoWords;
        var body = content.Trim().TrimEnd('*', '_', ' ', '"', '\'', ')', '”', '’', '」', '』', '）');
        if (body.EndsWith('?') || body.EndsWith('？')) return ClaimSkip.Question;
        if (IsHeading(content.Trim(), body)) return ClaimSkip.Heading;
        if (language is not (LanguageGuess.English or LanguageGuess.Chinese)) return ClaimSkip.UnsupportedLanguage;
        return !cited && IsGeneric(body, language) ? ClaimSkip.Generic : ClaimSkip.None;
    }

    private static bool IsHeading(string trimmed, string body)
    {
        if (trimmed.StartsWith('#')) return true;
        if (body.EndsWith(':') || body.EndsWith('：')) return true;
        if (trimmed.Length > 4 && trimmed.StartsWith("**", StringComparison.Ordinal) && trimmed.EndsWith("**", StringComparison.Ordinal)
            && trimmed.IndexOf("**", 2, StringComparison.Ordinal) == trimmed.Length - 2) return true;
        if (body.Length == 0 || body[^1] is '.' or '!' or '。' or '！' or '；' or ';') return false;
        // A short line without a terminator whose words are mostly capitalised reads as a title ("The Golden Gate Bridge").
        var words = body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).ToList();
        if (words.Count == 0 || words.Count > 10) return false;
        return words.Count(w => char.IsUpper(w[0])) * 10 >= words.Count * 6;
    }

    private static bool IsGeneric(string body, string language)
    {
        var words = body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var lower = body.ToLowerInvariant();
        var isShort = language == LanguageGuess.Chinese ? body.Length <= 20 : words <= ShortSentenceWords;
        if (isShort && Boilerplate.Any(b => ContainsPhrase(lower, b))) return true;
        // "I checked the sources.", "我查了一下。": the assistant talking about itself, not about the sources.
        if (lower.StartsWith("i ", StringComparison.Ordinal) || lower.StartsWith("i'", StringComparison.Ordinal)
            || lower.StartsWith("i’", StringComparison.Ordinal) || lower.StartsWith("let me ", StringComparison.Ordinal) || body.StartsWith('我')) return true;
        // Too little to check: fewer than two content terms and no number ("Yes.", "Absolutely!", "好。").
        var analysis = AnalyzedText.Analyze(body, sentences: false);
        if (analysis.Numbers.Count > 0) return false;
        return language == LanguageGuess.Chinese ? HanCount(body) < 4 : analysis.TermSet.Count < 2;
    }

    // Whole words for Latin phrases ("sure" is not in "measure"), substrings for Chinese.
    private static bool ContainsPhrase(string text, string phrase)
    {
        if (Lexicon.IsHan(phrase[0])) return text.Contains(phrase, StringComparison.Ordinal);
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            if ((at == 0 || !char.IsLetter(text[at - 1])) && (end == text.Length || !char.IsLetter(text[end]))) return true;
        }
        return false;
    }

    private static int HanCount(string s) => s.Count(Lexicon.IsHan);
}
