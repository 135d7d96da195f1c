using System.Text.RegularExpressions;
using Guardrail.ML.Data;

namespace Guardrail.ML.Evaluation;

/// <summary>
/// The synonym restatement of <see cref="PerturbedCases"/>: 1–3 words replaced from a small table of its own (kept apart
/// from the checker's lexicon, so the cases do not test the checker against its own word list).
/// </summary>
internal static partial class PerturbSynonyms
{
    // "a=b" swaps both ways; "a>b" only one way, where the reverse is ambiguous ("states" is also a noun, "little" a quantity,
    // "began" no participle: "has started" is not "has began"). Same inflection on both sides; words whose other senses
    // would break the sentence are left out ("show", "made", "as a result").
    private static readonly string[] Table =
    [
        "began>started", "begin>start", "begins>starts", "big=large", "huge=enormous", "tiny=minuscule", "small>little",
        "film=movie", "films=movies", "about=approximately", "over>more than", "under>less than", "bought=purchased",
        "buy=purchase", "died=passed away", "death=passing", "famous=well-known", "finished=completed", "ended=concluded",
        "quick=fast", "quickly=rapidly", "rapid=swift", "help=assist", "helps=assists", "helped=assisted", "need=require",
        "needs=requires", "needed=required", "many=numerous", "often=frequently", "usually=generally",
        "sometimes=occasionally", "rarely=seldom", "mainly=primarily", "mostly=largely", "almost=nearly",
        "completely=entirely", "totally>completely", "exactly=precisely", "currently=presently", "recently=lately",
        "formerly=previously", "initially=originally", "finally=eventually", "suddenly=abruptly", "especially=particularly",
        "important=significant", "main=primary", "necessary=essential", "several=multiple", "entire=whole",
        "difficult=challenging", "easy=simple", "strong=powerful", "beautiful=lovely", "rich=wealthy", "smart=intelligent",
        "correct=accurate", "wrong=incorrect", "sad=unhappy", "maybe=perhaps", "probably=likely", "enough=sufficient",
        "wrote>authored", "author=writer", "authors=writers", "job=occupation", "jobs=occupations", "kids=children",
        "kid=child", "baby=infant", "shop=store", "shops=stores", "car=automobile", "cars=automobiles", "house>home",
        "houses>homes", "nation>country", "nations>countries", "near=close to", "area=region", "areas=regions",
        "picture=image", "pictures=images", "photo=photograph", "singer=vocalist", "founded=established",
        "company>firm", "companies>firms", "received=obtained", "said=stated", "says>states", "lived=resided",
        "moved=relocated", "located=situated", "called>named", "built=constructed", "build=construct", "fix=repair",
        "repaired=fixed", "try=attempt", "tried=attempted", "choose=select", "chose>selected", "answer=reply",
        "allow=permit", "allowed=permitted", "stopped=halted", "keep=retain", "kept=retained", "came back>returned",
        "mistake=error", "mistakes=errors", "problem=issue", "problems=issues", "goal=aim", "results=outcomes", "amount=quantity", "award=prize", "awards=prizes", "story=tale", "stories=tales",
        "drink=beverage", "drinks=beverages", "doctor=physician", "doctors=physicians", "lawyer=attorney",
        "lawyers=attorneys", "students=pupils", "person=individual", "building=structure",
        "married=wed", "residents=inhabitants", "among=amongst", "towards=toward", "although>though",
        "before>prior to", "wife>spouse", "husband>spouse", "king>monarch", "queen>monarch", "television>TV",
        "trash=garbage", "however=nevertheless",
    ];

    // A quantity word only where a number follows: "about 300" is "approximately 300", "a book about cats" is not.
    private static readonly HashSet<string> BeforeNumberOnly = new(StringComparer.Ordinal) { "about", "over", "under" };

    private static readonly Dictionary<string, string> Map = Build();

    /// <summary>How many word pairs the table holds.</summary>
    public static int Pairs => Table.Length;

    [GeneratedRegex(@"\p{L}[\p{L}'’\-]*")]
    private static partial Regex WordPattern();

    /// <summary>The claim with 1–3 of its words restated (chosen by <paramref name="hash"/>), or null when none is in the table.</summary>
    public static PerturbedText? Replace(string claim, ulong hash)
    {
        var words = WordPattern().Matches(claim);
        var candidates = new List<(int Index, int Length, string Original, string Synonym)>();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            // Lower case only, bar the first word: a capitalised word mid-sentence is a name ("Big Ben", "Fast Company").
            if (w.Value != w.Value.ToLowerInvariant() && !(i == 0 && w.Value[1..] == w.Value[1..].ToLowerInvariant())) continue;
            var two = i + 1 < words.Count && words[i + 1].Index == w.Index + w.Length + 1 ? $"{w.Value} {words[i + 1].Value}" : null;
            if (two is not null && Map.TryGetValue(two.ToLowerInvariant(), out var s2))
            {
                candidates.Add((w.Index, two.Length, two, s2));
                i++;
            }
            else if (Map.TryGetValue(w.Value.ToLowerInvariant(), out var s1) && (!BeforeNumberOnly.Contains(w.Value) || NumberFollows(claim, w.Index + w.Length)))
            {
                candidates.Add((w.Index, w.Length, w.Value, s1));
            }
        }
        if (candidates.Count == 0) return null;
        var count = Math.Min(candidates.Count, 1 + (int)(hash % 3));
        var chosen = candidates.OrderBy(c => HashSplit.Hash($"{hash}:{c.Index}")).Take(count).OrderBy(c => c.Index).ToList();
        var text = claim;
        string first = "";
        foreach (var c in Enumerable.Reverse(chosen))
        {
            first = char.IsUpper(c.Original[0]) ? char.ToUpperInvariant(c.Synonym[0]) + c.Synonym[1..] : c.Synonym;
            text = Article(text[..c.Index], first) + first + text[(c.Index + c.Length)..];
        }
        // The first restated word in reading order names the case (the reverse loop ends on it).
        return new PerturbedText(text, first, chosen[0].Original);
    }

    // "a region" for "an area": the article before a replaced word follows the synonym's first letter.
    private static string Article(string before, string synonym)
    {
        var vowel = "aeiouAEIOU".Contains(synonym[0], StringComparison.Ordinal);
        if (vowel && (before.EndsWith(" a ", StringComparison.Ordinal) || before == "a " || before.EndsWith(" A ", StringComparison.Ordinal) || before == "A ")) return before[..^1] + "n ";
        if (!vowel && (before.EndsWith(" an ", StringComparison.OrdinalIgnoreCase) || before.Equals("an ", StringComparison.OrdinalIgnoreCase))) return before[..^2] + " ";
        return before;
    }

    private static bool NumberFollows(string text, int from)
    {
        var rest = text.AsSpan(from).TrimStart();
        return rest.Length > 0 && (char.IsAsciiDigit(rest[0]) || rest[0] is '$' or '€' or '£');
    }

    // The first entry for a word wins, so a word in two pairs always takes the same synonym.
    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Table)
        {
            var both = entry.Contains('=', StringComparison.Ordinal);
            var parts = entry.Split(both ? '=' : '>');
            map.TryAdd(parts[0], parts[1]);
            if (both) map.TryAdd(parts[1], parts[0]);
        }
        return map;
    }
}
