using System.Text.RegularExpressions;

namespace Guardrail.Injection;

/// <summary>
/// The heuristics, one file per language plus the language-neutral template markers. Patterns run on folded
/// text, so they are written in lower case and need not handle full-width letters or zero-width characters.
/// </summary>
internal static partial class InjectionPatterns
{
    // Gates (InjectionPattern.Gate) come from a part of each regex that no match can skip: a mandatory
    // alternation, each alternative containing one of the words. Prefer the rarest such part (verbs over
    // "your"/"the"), and for Chinese patterns Chinese words, so clean English text skips them all. Patterns
    // are case-sensitive on folded text (no IgnoreCase), so an ordinal search for the words is exact.
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    // Patterns are linear; a timeout means pathological input and surfaces to the pipeline's fail mode.
    private const int TimeoutMs = 1000;

    /// <summary>Every pattern, English first, then Chinese, then template markers.</summary>
    public static IReadOnlyList<InjectionPattern> All { get; } = [.. English(), .. EnglishRolePlay(), .. Chinese(), .. Delimiters()];
}
