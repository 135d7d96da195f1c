using System.Text.RegularExpressions;
using Guardrail.Grounding;
using Guardrail.ML.Runtime;
using Guardrail.Text;

namespace Guardrail.ML.Evaluation;

/// <summary>
/// A stand-in citation checker built on <see cref="SupportModel"/> alone, so the citation table can be printed before
/// the real checker exists: per sentence and <c>[n]</c> marker, an unknown id is a fabricated citation; a cited source
/// scoring below the threshold is a misattribution when another source reaches it, otherwise an unsupported claim.
/// </summary>
public static partial class SupportModelCitationCheck
{
    /// <summary>Name printed next to the table.</summary>
    public const string Name = "stand-in: SupportModel per [n] marker (unknown id → fabricated; cited < threshold → misattributed if another source ≥ threshold, else unsupported)";

    /// <summary>The checker as a delegate for <see cref="CitationMetrics.Measure"/>.</summary>
    public static Func<string, IReadOnlyList<(string Id, string Text)>, IReadOnlyList<(string Rule, int Start, int End)>> Create(SupportModel model) =>
        (answer, sources) => Check(model, answer, sources);

    /// <summary>Checks one answer.</summary>
    public static IReadOnlyList<(string Rule, int Start, int End)> Check(SupportModel model, string answer, IReadOnlyList<(string Id, string Text)> sources)
    {
        var analysed = sources.ToDictionary(s => s.Id, s => AnalyzedText.Analyze(s.Text), StringComparer.OrdinalIgnoreCase);
        var findings = new List<(string, int, int)>();
        foreach (var range in SentenceSplitter.Split(answer))
        {
            var (start, length) = range.GetOffsetAndLength(answer.Length);
            var sentence = answer.Substring(start, length);
            var markers = Marker().Matches(sentence);
            if (markers.Count == 0) continue;
            var end = start + sentence.TrimEnd().Length;
            var claim = AnalyzedText.Analyze(Marker().Replace(sentence, ""), sentences: false);
            var rules = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in markers)
            {
                if (!analysed.TryGetValue(m.Groups[1].Value, out var cited))
                {
                    rules.Add("grounding.fabricated-citation");
                    continue;
                }
                if (model.Score(claim, cited) >= model.Threshold) continue;
                var elsewhere = analysed.Where(kv => kv.Value != cited).Any(kv => model.Score(claim, kv.Value) >= model.Threshold);
                rules.Add(elsewhere ? "grounding.misattributed-citation" : "grounding.unsupported-claim");
            }
            foreach (var rule in rules.Order(StringComparer.Ordinal)) findings.Add((rule, start, end));
        }
        return findings;
    }

    [GeneratedRegex(@"\[([^\[\]\s]{1,32})\]")]
    private static partial Regex Marker();
}
