namespace Guardrail.ML.Data.Attacks;

/// <summary>
/// Splits whole groups (seed questions, templates, attack families, near-duplicate prompts), never rows, so nothing of a
/// held-out group is seen in training. Groups are ranked by the FNV-1a hash of their id and cut by share of the ranking,
/// which keeps small group counts (15 attack families) close to the intended proportions.
/// </summary>
public sealed class GroupSplit
{
    private readonly Dictionary<string, Split> _of;

    /// <summary>Ranks <paramref name="groups"/> by hash; the first <paramref name="trainShare"/> train, the next <paramref name="devShare"/> dev, the rest test.</summary>
    public GroupSplit(IEnumerable<string> groups, double trainShare, double devShare)
    {
        var ranked = groups.Distinct(StringComparer.Ordinal).OrderBy(HashSplit.Hash).ThenBy(g => g, StringComparer.Ordinal).ToList();
        var train = (int)Math.Round(ranked.Count * trainShare);
        var dev = (int)Math.Round(ranked.Count * (trainShare + devShare));
        _of = new Dictionary<string, Split>(StringComparer.Ordinal);
        for (var i = 0; i < ranked.Count; i++) _of[ranked[i]] = i < train ? Split.Train : i < dev ? Split.Dev : Split.Test;
    }

    /// <summary>The split of <paramref name="group"/>, which must be one of the groups given.</summary>
    public Split Of(string group) => _of[group];

    /// <summary>The groups of <paramref name="split"/>, in ranking order.</summary>
    public IEnumerable<string> In(Split split) => _of.Where(kv => kv.Value == split).Select(kv => kv.Key).OrderBy(HashSplit.Hash);
}
