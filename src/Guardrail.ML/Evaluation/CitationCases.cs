using Guardrail.ML.Data;
using Guardrail.Text;

namespace Guardrail.ML.Evaluation;

/// <summary>What a citation checker should report for one cited sentence of a <see cref="CitationCase"/>.</summary>
public enum CitationOutcome
{
    /// <summary>The cited passage supports the sentence: no finding.</summary>
    Supported,

    /// <summary>No passage supports the sentence (a hallucinated answer, cited or swapped): <c>grounding.unsupported-claim</c>.</summary>
    UnsupportedClaim,

    /// <summary>A supported answer whose marker was swapped to another passage: <c>grounding.misattributed-citation</c>.</summary>
    MisattributedCitation,

    /// <summary>The marker names no supplied source: <c>grounding.fabricated-citation</c>.</summary>
    FabricatedCitation,
}

/// <summary>One answer sentence of a case: its span in the answer, what a checker should find, and where it came from.</summary>
/// <param name="Start">Start in <see cref="CitationCase.Answer"/>.</param>
/// <param name="End">End (exclusive), after the marker and the full stop.</param>
/// <param name="Expected">The expected outcome.</param>
/// <param name="Set">Data set of the answer.</param>
public sealed record CitationSentence(int Start, int End, CitationOutcome Expected, string Set);

/// <summary>A multi-source answer with numbered citation markers and the expected outcome per sentence.</summary>
/// <param name="Id">Stable case id.</param>
/// <param name="Answer">2–5 answers joined into one text, each ending with a marker such as <c>[2]</c>.</param>
/// <param name="Sources">The passages, numbered <c>1</c>…<c>k</c>.</param>
/// <param name="Sentences">One entry per answer sentence, in order.</param>
public sealed record CitationCase(string Id, string Answer, IReadOnlyList<(string Id, string Text)> Sources, IReadOnlyList<CitationSentence> Sentences);

/// <summary>One answer with its own passage, the raw material of <see cref="CitationCases"/>.</summary>
/// <param name="Set">Data set.</param>
/// <param name="Group">Question, snippet or claim: units of one group share a passage.</param>
/// <param name="Passage">The answer's own passage.</param>
/// <param name="Answer">The answer (one sentence).</param>
/// <param name="Supported">Whether its passage supports it.</param>
public sealed record CitationUnit(string Set, string Group, string Passage, string Answer, bool Supported);

/// <summary>
/// Builds citation-check cases deterministically from the test parts of the grounding sets, with the data README's
/// recipe: join 2–5 answers into one text and number their passages [1]…[k]; a correct marker points at the answer's own
/// passage; negatives swap a marker to another passage or keep it on a hallucinated answer; some markers name a source
/// that does not exist.
/// </summary>
/// <remarks>
/// Every choice (grouping, order, which answer, which marker) is a function of FNV-1a hashes of the texts, so the cases
/// never change unless the data does. Per sentence (hash mod 10): 0–5 and 9 own passage, 6–7 another passage, 8 a
/// missing source. Swapping a supported answer's marker makes a misattribution; swapping a hallucinated one's leaves it
/// unsupported. Only one-sentence answers without brackets are used, so each expected outcome covers one sentence.
/// </remarks>
public static class CitationCases
{
    /// <summary>The cases built from the test parts of the sets under <paramref name="dataRoot"/>.</summary>
    public static IReadOnlyList<CitationCase> FromTest(string dataRoot) => Build(TestUnits(dataRoot));

    /// <summary>The test-split answers of HaluEval QA (right and hallucinated), BEGIN and WiCE (one chunk per claim).</summary>
    public static IReadOnlyList<CitationUnit> TestUnits(string dataRoot)
    {
        var units = new List<CitationUnit>();
        units.AddRange(HaluEvalLoader.LoadItems(dataRoot).Where(i => SupportPair.SplitOf(i.Question) == Split.Test)
            .Select(i => new CitationUnit("halueval", i.Question, i.Knowledge, i.Answer, i.Right)));
        units.AddRange(BeginLoader.Load(dataRoot).Where(p => p.Split == Split.Test)
            .Select(p => new CitationUnit("begin", p.Group, p.Source, p.Claim, p.Supported)));
        // WiCE has about three chunks per claim: keep the one with the lowest hash, so a claim has one passage.
        units.AddRange(WiceLoader.Load(dataRoot).Where(p => p.Split == Split.Test)
            .GroupBy(p => p.Group).Select(g => g.MinBy(p => HashSplit.Hash(p.Source))!)
            .Select(p => new CitationUnit("wice", p.Group, p.Source, p.Claim, p.Supported)));
        return units;
    }

    /// <summary>Builds the cases from <paramref name="units"/>; cases never mix data sets, and a passage appears once per case.</summary>
    public static IReadOnlyList<CitationCase> Build(IEnumerable<CitationUnit> units)
    {
        var cases = new List<CitationCase>();
        foreach (var set in units.Where(Usable).GroupBy(u => u.Set).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var groups = set.GroupBy(u => u.Group).OrderBy(g => HashSplit.Hash(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.OrderBy(u => u.Answer, StringComparer.Ordinal).ToList()).ToList();
            var at = 0;
            while (groups.Count - at >= 2)
            {
                var k = Math.Min(2 + (int)(HashSplit.Hash(groups[at][0].Group + "#size") % 4), groups.Count - at);
                cases.Add(Make($"{set.Key}-{cases.Count(c => c.Id.StartsWith(set.Key + "-", StringComparison.Ordinal)) + 1:D3}", groups.GetRange(at, k)));
                at += k;
            }
        }
        return cases;
    }

    private static bool Usable(CitationUnit u) =>
        u.Answer.Length > 0 && u.Passage.Length > 0 && u.Answer.IndexOfAny(['[', ']']) < 0
        && SentenceSplitter.Split(u.Answer.Trim()).Count(r => u.Answer.Trim()[r].Trim().Length > 0) == 1;

    private static CitationCase Make(string id, List<List<CitationUnit>> groups)
    {
        var k = groups.Count;
        var picked = groups.Select(g => g[(int)(HashSplit.Hash(g[0].Group + "#pick") % (ulong)g.Count)]).ToList();
        // Passage numbers are a hash order of the groups, so markers are not simply 1, 2, 3 in reading order.
        var numbers = Enumerable.Range(0, k).OrderBy(i => HashSplit.Hash(id + "#" + picked[i].Group)).ThenBy(i => i).ToArray();
        var passageOf = new int[k];
        for (var n = 0; n < k; n++) passageOf[numbers[n]] = n + 1;
        var sources = Enumerable.Range(1, k).Select(n => (n.ToString(System.Globalization.CultureInfo.InvariantCulture), picked[numbers[n - 1]].Passage)).ToList();

        var text = new System.Text.StringBuilder();
        var sentences = new List<CitationSentence>();
        for (var i = 0; i < k; i++)
        {
            var unit = picked[i];
            var roll = HashSplit.Hash($"{id}:{i}") % 10;
            int marker;
            CitationOutcome expected;
            if (roll is 6 or 7)
            {
                marker = (passageOf[i] - 1 + 1 + (int)(HashSplit.Hash($"{id}:{i}#to") % (ulong)(k - 1))) % k + 1;
                expected = unit.Supported ? CitationOutcome.MisattributedCitation : CitationOutcome.UnsupportedClaim;
            }
            else if (roll == 8)
            {
                marker = k + 1 + (int)(HashSplit.Hash($"{id}:{i}#missing") % 3);
                expected = CitationOutcome.FabricatedCitation;
            }
            else
            {
                marker = passageOf[i];
                expected = unit.Supported ? CitationOutcome.Supported : CitationOutcome.UnsupportedClaim;
            }
            if (text.Length > 0) text.Append(' ');
            var start = text.Length;
            var answer = unit.Answer.Trim();
            var body = answer.TrimEnd('.', '!', '?', ' ');
            var stop = answer.Length > body.Length && answer[^1] is '?' or '!' ? answer[^1] : '.';
            text.Append(body).Append(" [").Append(marker).Append(']').Append(stop);
            sentences.Add(new CitationSentence(start, text.Length, expected, unit.Set));
        }
        return new CitationCase(id, text.ToString(), sources, sentences);
    }
}
