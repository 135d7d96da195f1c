namespace Guardrail.Text;

/// <summary>
/// A cheap guess of a sentence's language, good enough to route it to a per-language model: Chinese by
/// its Han characters, English by its script and function words, anything else named by its script so it
/// can be reported as unsupported instead of silently scored as safe.
/// </summary>
public static class LanguageGuess
{
    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Chinese.</summary>
    public const string Chinese = "zh";

    /// <summary>No letters at all (numbers, punctuation, emoji): nothing to judge.</summary>
    public const string None = "none";

    private static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "and", "or", "but", "is", "are", "was", "were", "be", "been", "to", "of", "in", "on",
        "at", "for", "with", "that", "this", "it", "you", "i", "he", "she", "we", "they", "me", "my", "your",
        "not", "no", "do", "does", "did", "have", "has", "had", "what", "who", "so", "if", "all", "just", "like",
        "can", "will", "would", "should", "from", "by", "as", "up", "out", "get", "go", "there", "their", "them",
        "his", "her", "our", "u", "ur", "im", "dont", "lol", "rt", "are", "am", "ya", "yall", "gonna", "about",
    };

    /// <summary>Guesses the language of <paramref name="text"/>: <c>en</c>, <c>zh</c>, <c>none</c>, or a script name.</summary>
    public static string Guess(ReadOnlySpan<char> text)
    {
        int han = 0, latin = 0, nonAsciiLatin = 0, other = 0;
        string? otherScript = null;
        foreach (var c in text)
        {
            if (c < 0x80)
            {
                if (char.IsAsciiLetter(c)) latin++;
                continue;
            }
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF') han++;
            else if (c is >= '\u00C0' and <= '\u024F') { latin++; nonAsciiLatin++; }
            else if (char.IsLetter(c)) { other++; otherScript ??= ScriptOf(c); }
        }
        if (han > 0 && han * 2 >= latin / 3) return Chinese; // Han characters carry a word each; Latin letters a fraction
        if (latin == 0 && other == 0) return None;
        if (other > latin) return otherScript ?? "other";
        // Latin script: English unless accented letters are frequent and English function words absent, or another
        // language's function words outnumber English ones ("Le pont a ouvert en 1937 et il est rouge." has "a" and "en"
        // but "le", "et", "il", "est" say French), or a long text has no English function word at all.
        var (englishWords, foreignWords) = FunctionWords(text);
        if (nonAsciiLatin * 20 > latin && englishWords == 0) return "latin-other";
        if (foreignWords >= 2 && foreignWords > englishWords) return "latin-other";
        return latin >= 12 && englishWords == 0 && LooksForeign(text) ? "latin-other" : English;
    }

    private static (int English, int Foreign) FunctionWords(ReadOnlySpan<char> text)
    {
        int english = 0, foreign = 0;
        foreach (var range in text.SplitAny(Separators))
        {
            var word = text[range];
            if (word.Length is 0 or > 6 || !TryPack(word, out var key) || !FunctionWordKinds.TryGetValue(key, out var kind)) continue;
            if (kind == EnglishKind) english++;
            else foreign++;
        }
        return (english, foreign);
    }

    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create(" \t\n\r.,!?;:\"'()");

    private const byte EnglishKind = 1;
    private const byte ForeignKind = 2;

    // Every function word is at most six Latin-1 letters, so a word packs into one 64-bit key, lower-cased as
    // OrdinalIgnoreCase would compare it: a dictionary of longs costs a fraction of a string lookup per word, and this
    // runs on every sentence the toxicity models score. English wins where a word is in both lists, as before.
    private static Dictionary<ulong, byte> FunctionWordKinds => Packed.Kinds;

    // A holder, so the table is built after the word lists it reads (static fields initialise in textual order).
    private static class Packed
    {
        public static readonly Dictionary<ulong, byte> Kinds = BuildKinds();
    }

    private static Dictionary<ulong, byte> BuildKinds()
    {
        var kinds = new Dictionary<ulong, byte>();
        foreach (var w in ForeignWords) if (TryPack(w, out var key)) kinds[key] = ForeignKind;
        foreach (var w in EnglishWords) if (TryPack(w, out var key)) kinds[key] = EnglishKind;
        return kinds;
    }

    private static bool TryPack(ReadOnlySpan<char> word, out ulong key)
    {
        key = 0;
        if (word.Length > 6) return false;
        foreach (var ch in word)
        {
            var c = ch;
            if (c >= 0x100) return false;
            // Latin-1 upper case (A–Z, À–Þ but not ×) to lower case: the simple case mapping OrdinalIgnoreCase applies.
            if (c is >= 'A' and <= 'Z' or >= '\u00C0' and <= '\u00DE' && c != '\u00D7') c = (char)(c + 0x20);
            key = (key << 8) | c;
        }
        key |= (ulong)word.Length << 56;
        return true;
    }

    // Function words of the other common Latin-script languages (French, Spanish, German, Italian, Portuguese, Dutch),
    // leaving out those that are also English words ("a", "in", "die", "son", "den", "also", "come", "fast").
    private static readonly HashSet<string> ForeignWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "le", "la", "les", "des", "du", "est", "et", "une", "un", "pour", "dans", "que", "qui", "pas", "avec", "sur",
        "ce", "cette", "sont", "au", "aux", "ne", "il", "elle", "nous", "vous", "ils", "mais", "très", "été",
        "el", "los", "las", "es", "y", "una", "por", "para", "con", "del", "se", "su", "está", "muy", "pero", "como",
        "der", "das", "und", "ist", "nicht", "ein", "eine", "mit", "von", "zu", "dem", "sich", "auch", "auf", "für", "ich", "sie",
        "di", "che", "è", "e", "per", "sono", "della", "non", "gli", "il", "nel", "anche",
        "o", "os", "é", "um", "uma", "com", "não", "da", "em", "mas",
        "het", "een", "niet", "van", "ook", "zijn", "wordt",
    };

    // Without function words a short Latin text may still be English slang; only long ones are called foreign.
    private static bool LooksForeign(ReadOnlySpan<char> text) => text.Length > 60;

    private static string ScriptOf(char c) => c switch
    {
        >= '\u0400' and <= '\u04FF' => "cyrillic",
        >= '\u0600' and <= '\u06FF' => "arabic",
        >= '\u0590' and <= '\u05FF' => "hebrew",
        >= '\u0900' and <= '\u097F' => "devanagari",
        >= '\u3040' and <= '\u30FF' => "japanese-kana",
        >= '\uAC00' and <= '\uD7AF' => "hangul",
        >= '\u0E00' and <= '\u0E7F' => "thai",
        >= '\u0370' and <= '\u03FF' => "greek",
        _ => "other",
    };
}
