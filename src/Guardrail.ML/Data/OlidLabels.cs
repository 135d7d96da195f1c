namespace Guardrail.ML.Data;

/// <summary>
/// OLID's sub-task B and C labels (<c>toxicity/en/olid/olid-training-v1.0.tsv</c>) for the TweetEval-offensive train and
/// val tweets: targeted (TIN) or untargeted (UNT), and whom a targeted one aims at (IND individual, GRP group, OTH other).
/// </summary>
/// <remarks>
/// TweetEval lower-cases <c>@USER</c> and keeps URLs as text, so the two files are joined on a key of the text
/// lower-cased with everything but letters and digits removed and the word <c>url</c> dropped (SOURCE.txt), extended by
/// prefix for the OLID texts this copy cuts short (<see cref="Find"/>): 13,027 of the 13,240 join. Keys that occur twice
/// with different labels are dropped rather than guessed.
/// </remarks>
public static class OlidLabels
{
    /// <summary>Relative path under the data root.</summary>
    public const string RelativePath = "toxicity/en/olid/olid-training-v1.0.tsv";

    /// <summary>Sub-task B and C of one tweet: <c>TIN</c>/<c>UNT</c>/<c>NULL</c> and <c>IND</c>/<c>GRP</c>/<c>OTH</c>/<c>NULL</c>.</summary>
    public readonly record struct Labels(string A, string B, string C);

    /// <summary>
    /// The labels of the OLID tweet whose text is <paramref name="text"/> (a TweetEval tweet): the same key, or else the one
    /// OLID key of at least <see cref="MinPrefix"/> characters that the tweet's key starts with — this copy of the OLID
    /// file cuts about 1,300 long, quoted tweets short, so their keys are prefixes of TweetEval's. Null when there is none,
    /// or more than one with different labels.
    /// </summary>
    public static Labels? Find(IReadOnlyDictionary<string, Labels> olid, IReadOnlyList<string> keysByLength, string text)
    {
        var key = Key(text);
        if (olid.TryGetValue(key, out var exact)) return exact;
        Labels? found = null;
        foreach (var k in keysByLength)
        {
            if (k.Length >= key.Length) break;
            if (!key.StartsWith(k, StringComparison.Ordinal)) continue;
            var labels = olid[k];
            if (found is { } f && f != labels) return null;
            found = labels;
        }
        return found;
    }

    /// <summary>Shortest OLID key a TweetEval tweet may extend (a cut-short OLID text).</summary>
    public const int MinPrefix = 20;

    /// <summary>The keys of <paramref name="olid"/> of at least <see cref="MinPrefix"/> characters, shortest first (for <see cref="Find"/>).</summary>
    public static IReadOnlyList<string> PrefixKeys(IReadOnlyDictionary<string, Labels> olid) =>
        [.. olid.Keys.Where(k => k.Length >= MinPrefix).OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal)];

    /// <summary>Reads the OLID file keyed by <see cref="Key"/>.</summary>
    public static IReadOnlyDictionary<string, Labels> Load(string dataRoot)
    {
        // One invalid UTF-8 byte in the file: the decoder's replacement character only changes a key nobody joins on.
        var byKey = new Dictionary<string, Labels>(StringComparer.Ordinal);
        var conflicting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(dataRoot, RelativePath)).Skip(1))
        {
            var cols = line.TrimEnd('\r').Split('\t');
            if (cols.Length < 5) continue;
            var key = Key(cols[1]);
            var labels = new Labels(cols[2], cols[3], cols[4]);
            if (byKey.TryGetValue(key, out var seen) && seen != labels) conflicting.Add(key);
            byKey[key] = labels;
        }
        foreach (var key in conflicting) byKey.Remove(key);
        return byKey;
    }

    /// <summary>The join key: lower case, letters and digits only, the token <c>url</c> removed.</summary>
    public static string Key(string text)
    {
        var words = text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length > 0 && w != "url");
        return string.Concat(words);
    }

    /// <summary>
    /// <paramref name="row"/> (a TweetEval-offensive train or val row) with the category labels its OLID labels imply:
    /// not offensive → no insult, threat or profanity; untargeted → profanity only; targeted at an individual → insult
    /// (whether it is also a threat or obscene, OLID does not say); targeted at a group or other → unknown.
    /// </summary>
    public static LabeledText Apply(LabeledText row, Labels labels) => labels switch
    {
        { A: "NOT" } => row.Clean(),
        { B: "UNT" } => row with { Insult = false, Threat = false, Profanity = true },
        { B: "TIN", C: "IND" } => row with { Insult = true },
        _ => row,
    };
}
