using System.Text.RegularExpressions;

namespace Guardrail.ML.Evaluation;

/// <summary>The name swap of <see cref="PerturbedCases"/>: a capitalised name the claim shares with the source, replaced by another of the source's.</summary>
internal static partial class PerturbNames
{
    /// <summary>A run of capitalised words and where it starts.</summary>
    internal sealed record Name(int Index, string Text)
    {
        public string[] Words { get; } = Text.Split(' ');

        /// <summary>Written in capitals ("NFL"): swapped for another acronym where the source has one.</summary>
        public bool IsAcronym { get; } = Text.All(c => !char.IsLetter(c) || char.IsUpper(c));
    }

    // Capitalised words that are no names: a capital at a sentence start, or a date word that swaps into a date, not a name.
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "In", "On", "At", "Of", "For", "And", "But", "Or", "Nor", "It", "Its", "He", "She", "They", "We", "I",
        "You", "His", "Her", "Their", "Our", "My", "This", "That", "These", "Those", "There", "Here", "When", "Where", "What",
        "Who", "Which", "Why", "How", "As", "By", "From", "To", "With", "After", "Before", "During", "Since", "If", "While",
        "Although", "However", "Also", "Yes", "No", "Not", "So", "Then", "Mr", "Mrs", "Ms", "Dr", "St",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    };

    [GeneratedRegex(@"\p{Lu}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*(?: \p{Lu}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*)*")]
    private static partial Regex CapitalisedRun();

    /// <summary>The swap, or null when the claim names nothing the source names or the source has no other name.</summary>
    public static PerturbedText? Swap(string claim, string source, ulong hash)
    {
        var inSource = Find(source).Where(n => n.Words.Length > 1 || !StartsSentence(source, n.Index)).DistinctBy(n => n.Text).ToList();
        var choices = Find(claim)
            .Where(n => !StartsSentence(claim, n.Index) && ContainsWord(source, n.Text))
            .Select(n => (Name: n, Others: inSource.Where(s => Differs(s, claim)).ToList()))
            .Where(c => c.Others.Count > 0)
            .ToList();
        if (choices.Count == 0) return null;
        var (target, others) = choices[(int)(hash % (ulong)choices.Count)];
        // A name of the same shape reads as the same kind of thing more often (a person for a person, an acronym for one).
        var sameLength = others.Where(o => o.Words.Length == target.Words.Length).ToList();
        var sameShape = sameLength.Where(o => o.IsAcronym == target.IsAcronym).ToList();
        var pool = sameShape.Count > 0 ? sameShape : sameLength.Count > 0 ? sameLength : others;
        var replacement = pool[(int)((hash >> 16) % (ulong)pool.Count)].Text;
        return new PerturbedText(claim[..target.Index] + replacement + claim[(target.Index + target.Text.Length)..], replacement, target.Text);
    }

    /// <summary>The names of <paramref name="text"/>: capitalised runs split at words that are no names.</summary>
    public static IReadOnlyList<Name> Find(string text)
    {
        var names = new List<Name>();
        foreach (Match run in CapitalisedRun().Matches(text))
        {
            var at = run.Index;
            var words = new List<string>();
            var start = at;
            foreach (var word in run.Value.Split(' '))
            {
                // Initials and abbreviations ("D.C.", "L.F. Rothschild") are pieces of a name, not one.
                var abbreviated = at + word.Length + 1 < text.Length && text[at + word.Length] == '.' && char.IsLetter(text[at + word.Length + 1]);
                if (word.Length < 2 || abbreviated || NotNames.Contains(word))
                {
                    Flush(names, words, start);
                    start = at + word.Length + 1;
                }
                else words.Add(word);
                at += word.Length + 1;
            }
            Flush(names, words, start);
        }
        return names;
    }

    private static void Flush(List<Name> names, List<string> words, int start)
    {
        if (words.Count > 0) names.Add(new Name(start, string.Join(' ', words)));
        words.Clear();
    }

    // Another entity: none of its words in the claim already ("Kurt Donald Cobain" in a claim about Kurt Cobain is the same
    // man, and one naming "Nixon" is not contradicted by "Richard Nixon").
    private static bool Differs(Name other, string claim) =>
        !other.Words.Any(w => ContainsWord(claim, w, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="index"/> is the first word of a sentence (opening quotes and brackets skipped).</summary>
    public static bool StartsSentence(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && (char.IsWhiteSpace(text[i]) && text[i] != '\n' || text[i] is '"' or '“' or '‘' or '\'' or '(' or '[')) i--;
        return i < 0 || text[i] is '.' or '!' or '?' or '\n' or ':';
    }

    /// <summary>Whether <paramref name="text"/> contains <paramref name="phrase"/> as whole words (case as written unless told).</summary>
    public static bool ContainsWord(string text, string phrase, StringComparison comparison = StringComparison.Ordinal)
    {
        for (var at = text.IndexOf(phrase, comparison); at >= 0; at = text.IndexOf(phrase, at + 1, comparison))
        {
            var end = at + phrase.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]))) return true;
        }
        return false;
    }
}
