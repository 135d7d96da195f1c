using Guardrail.Audit;
using Guardrail.Judging;
using Guardrail.Verdicts;

namespace Guardrail.Feedback;

/// <summary>What an export produced and what it set aside.</summary>
/// <param name="Examples">One per distinct text, with every category someone labelled it with.</param>
/// <param name="FromHuman">Examples carrying at least one human label.</param>
/// <param name="FromJudge">Examples whose labels all came from the judge.</param>
/// <param name="Overridden">Judge labels replaced by a human label of the same text and category.</param>
/// <param name="Conflicts">(text, category) pairs dropped because labellers of the same rank disagreed.</param>
/// <param name="Skipped">Human "false negative" labels left out because they do not say which category was missed.</param>
public sealed record FeedbackExportResult(IReadOnlyList<FeedbackExample> Examples, int FromHuman, int FromJudge, int Overridden, int Conflicts, int Skipped);

/// <summary>
/// Turns stored labels into labelled texts for retraining (DESIGN.md §9). A human label speaks for the fast checks'
/// findings on that verdict: <c>correct</c> confirms each acting finding's category on its target (and, on a verdict
/// with no findings, says its texts are none of the toxicity categories); <c>false-positive</c> says each acting
/// finding's category is wrong there; a label naming a category speaks for that category only, and a
/// <c>false-negative</c> naming one says the answer is of it. A judge label speaks for a principle's first category (and <c>toxicity</c>,
/// where the principle lists it) on the texts its spans name, else on the answer. Human labels win over the judge's for
/// the same text and category; labellers of the same rank who disagree leave that pair out.
/// </summary>
public static class FeedbackExport
{
    /// <summary>The toxicity classifier's categories: what a human label on a verdict without findings speaks for.</summary>
    public static readonly string[] ToxicityCategories = ["toxicity", "insult", "hate", "threat", "profanity"];

    /// <summary>Builds the examples from stored entries.</summary>
    public static FeedbackExportResult Build(IEnumerable<AuditEntry> entries, Constitution? constitution)
    {
        // text → category → (source rank, votes true, votes false)
        var votes = new Dictionary<string, Dictionary<string, (int Human, int HumanNo, int Judge, int JudgeNo)>>(StringComparer.Ordinal);
        var origin = new Dictionary<string, (string VerdictId, string Target)>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var entry in entries)
        {
            var texts = entry.Record.Texts.Where(t => t.Text.Length > 0).ToDictionary(t => t.Target, t => t.Text, StringComparer.Ordinal);
            if (texts.Count == 0) continue;
            foreach (var label in entry.Labels)
            {
                if (label.Kind == LabelKind.FalseNegative)
                {
                    // A miss says which category it missed, or nothing usable.
                    if (label.Category is not { } missed)
                    {
                        skipped++;
                        continue;
                    }
                    var answered = texts.Keys.Where(t => t.StartsWith("response", StringComparison.Ordinal)).ToList();
                    foreach (var target in answered.Count > 0 ? answered : [.. texts.Keys]) Vote(texts[target], missed, human: true, yes: true, entry.Record.Id, target);
                    continue;
                }
                var acting = entry.Record.Verdict.Findings
                    .Where(f => f.Action != Decision.Allow && texts.ContainsKey(f.Target))
                    .Where(f => label.Category is null || string.Equals(f.Category, label.Category, StringComparison.OrdinalIgnoreCase))
                    .ToList();
                if (acting.Count == 0 && label.Kind == LabelKind.Correct && label.Category is null)
                {
                    foreach (var (target, text) in texts)
                    {
                        foreach (var c in ToxicityCategories) Vote(text, c, human: true, yes: false, entry.Record.Id, target);
                    }
                }
                foreach (var f in acting) Vote(texts[f.Target], f.Category, human: true, yes: label.Kind == LabelKind.Correct, entry.Record.Id, f.Target);
            }
            // One judgement of one exchange: a text is of a category when any principle says so, so a principle found
            // violated outweighs another, not violated, that shares the category (insult's toxicity, self-harm's).
            var judged = new Dictionary<(string Target, string Category), bool>();
            foreach (var label in entry.JudgeLabels)
            {
                if (constitution?.Find(label.Principle) is not { } principle) continue;
                var categories = new List<string> { principle.Categories[0] };
                if (label.Violated && principle.Categories.Contains("toxicity") && categories[0] != "toxicity") categories.Add("toxicity");
                var targets = label.Violated && label.Spans.Count > 0
                    ? label.Spans.Select(s => s.Target).Distinct()
                    : texts.Keys.Where(t => t.StartsWith("response", StringComparison.Ordinal));
                foreach (var target in targets.Where(texts.ContainsKey))
                {
                    foreach (var c in categories) judged[(target, c)] = judged.GetValueOrDefault((target, c)) || label.Violated;
                }
            }
            foreach (var ((target, category), yes) in judged) Vote(texts[target], category, human: false, yes, entry.Record.Id, target);
        }

        var examples = new List<FeedbackExample>();
        int overridden = 0, conflicts = 0, fromHuman = 0, fromJudge = 0;
        foreach (var (text, categories) in votes)
        {
            var labels = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            var human = false;
            foreach (var (category, v) in categories)
            {
                if (v.Human + v.HumanNo > 0)
                {
                    if (v.Judge + v.JudgeNo > 0) overridden += v.Judge + v.JudgeNo;
                    if (v.Human > 0 && v.HumanNo > 0) conflicts++;
                    else (labels[category], human) = (v.Human > 0, true);
                }
                else if (v.Judge > 0 && v.JudgeNo > 0) conflicts++;
                else labels[category] = v.Judge > 0;
            }
            if (labels.Count == 0) continue;
            if (human) fromHuman++;
            else fromJudge++;
            var (verdictId, target) = origin[text];
            examples.Add(new FeedbackExample(text, labels, human ? FeedbackExample.Human : FeedbackExample.Judge, verdictId, target));
        }
        return new FeedbackExportResult(examples, fromHuman, fromJudge, overridden, conflicts, skipped);

        void Vote(string text, string category, bool human, bool yes, string verdictId, string target)
        {
            if (!votes.TryGetValue(text, out var map)) votes[text] = map = new(StringComparer.OrdinalIgnoreCase);
            origin.TryAdd(text, (verdictId, target));
            var v = map.GetValueOrDefault(category);
            map[category] = (human, yes) switch
            {
                (true, true) => v with { Human = v.Human + 1 },
                (true, false) => v with { HumanNo = v.HumanNo + 1 },
                (false, true) => v with { Judge = v.Judge + 1 },
                _ => v with { JudgeNo = v.JudgeNo + 1 },
            };
        }
    }
}
