using System.Globalization;
using System.Text;

namespace Guardrail.ML.Evaluation;

/// <summary>Precision and recall of one finding kind over the cited sentences of the citation cases.</summary>
/// <param name="Rule">Rule id, e.g. <c>grounding.unsupported-claim</c>.</param>
/// <param name="Expected">Sentences that should get this finding.</param>
/// <param name="Flagged">Sentences that got it, plus findings that overlap no sentence.</param>
/// <param name="TruePositives">Sentences that should and did get it.</param>
public sealed record FindingScore(string Rule, int Expected, int Flagged, int TruePositives)
{
    /// <summary>Share of flags that were expected (1 when nothing was flagged).</summary>
    public double Precision => Flagged == 0 ? 1 : TruePositives / (double)Flagged;

    /// <summary>Share of expected findings that were flagged (1 when none was expected).</summary>
    public double Recall => Expected == 0 ? 1 : TruePositives / (double)Expected;
}

/// <summary>Per-finding precision and recall of a citation checker on <see cref="CitationCases"/>.</summary>
/// <param name="Cases">Number of cases.</param>
/// <param name="Sentences">Number of cited sentences.</param>
/// <param name="Findings">Per rule, in <see cref="CitationMetrics.Rules"/> order.</param>
/// <param name="SupportedSentences">Sentences expected to get no finding.</param>
/// <param name="SupportedFlagged">Of those, how many got any finding.</param>
public sealed record CitationReport(int Cases, int Sentences, IReadOnlyList<FindingScore> Findings, int SupportedSentences, int SupportedFlagged)
{
    /// <summary>The report as a Markdown table.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| finding | expected | flagged | true positives | precision | recall |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var f in Findings)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {f.Rule} | {f.Expected} | {f.Flagged} | {f.TruePositives} | {f.Precision:F3} | {f.Recall:F3} |");
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"| (supported sentences with any finding) | {SupportedSentences} | {SupportedFlagged} | — | — | — |");
        return sb.ToString();
    }
}

/// <summary>Scores a citation checker (answer and sources in; findings as rule id and span in the answer out) against the expected outcomes of citation cases.</summary>
/// <remarks>
/// A finding belongs to every case sentence its span overlaps. Each sentence has exactly one expected outcome; a finding
/// of another kind on it is a false positive for that kind (a fabricated marker is not also scored as unsupported). A
/// finding that overlaps no sentence is a false positive of its kind. Several findings of one kind on one sentence count once.
/// </remarks>
public static class CitationMetrics
{
    /// <summary>The rule ids, in report order, and the outcome each one reports.</summary>
    public static IReadOnlyList<(string Rule, CitationOutcome Outcome)> Rules { get; } =
    [
        ("grounding.unsupported-claim", CitationOutcome.UnsupportedClaim),
        ("grounding.misattributed-citation", CitationOutcome.MisattributedCitation),
        ("grounding.fabricated-citation", CitationOutcome.FabricatedCitation),
    ];

    /// <summary>Runs <paramref name="check"/> on every case and counts, per rule, expected, flagged and matching sentences.</summary>
    public static CitationReport Measure(IReadOnlyList<CitationCase> cases, Func<string, IReadOnlyList<(string Id, string Text)>, IReadOnlyList<(string Rule, int Start, int End)>> check)
    {
        var expected = new int[Rules.Count];
        var flagged = new int[Rules.Count];
        var tp = new int[Rules.Count];
        int sentences = 0, supported = 0, supportedFlagged = 0;
        foreach (var c in cases)
        {
            var findings = check(c.Answer, c.Sources);
            var hit = new bool[c.Sentences.Count, Rules.Count];
            foreach (var (rule, start, end) in findings)
            {
                var r = RuleIndex(rule);
                if (r < 0) continue;
                var any = false;
                for (var s = 0; s < c.Sentences.Count; s++)
                {
                    if (start < c.Sentences[s].End && end > c.Sentences[s].Start)
                    {
                        hit[s, r] = true;
                        any = true;
                    }
                }
                if (!any) flagged[r]++;
            }
            for (var s = 0; s < c.Sentences.Count; s++)
            {
                sentences++;
                var want = c.Sentences[s].Expected;
                if (want == CitationOutcome.Supported)
                {
                    supported++;
                    if (Enumerable.Range(0, Rules.Count).Any(r => hit[s, r])) supportedFlagged++;
                }
                for (var r = 0; r < Rules.Count; r++)
                {
                    var should = Rules[r].Outcome == want;
                    if (should) expected[r]++;
                    if (hit[s, r]) flagged[r]++;
                    if (should && hit[s, r]) tp[r]++;
                }
            }
        }
        var scores = Rules.Select((x, r) => new FindingScore(x.Rule, expected[r], flagged[r], tp[r])).ToList();
        return new CitationReport(cases.Count, sentences, scores, supported, supportedFlagged);
    }

    private static int RuleIndex(string rule)
    {
        for (var r = 0; r < Rules.Count; r++) if (Rules[r].Rule == rule) return r;
        return -1;
    }
}
