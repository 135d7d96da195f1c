using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.Audit;

/// <summary>Builds the texts the audit store keeps from an exchange's texts, its verdict and the policy's <see cref="AuditTextMode"/>.</summary>
public static class AuditRedaction
{
    /// <summary>The character written over every masked UTF-16 unit, so masked text keeps its length.</summary>
    public const char MaskChar = '█';

    /// <summary>
    /// The texts as the audit store keeps them. <see cref="AuditTextMode.None"/> keeps none; <see cref="AuditTextMode.Full"/>
    /// keeps them as given; <see cref="AuditTextMode.Masked"/> overwrites, with <see cref="MaskChar"/>, every span that a
    /// finding on the same target masks (see <see cref="Masks"/>), so finding spans still index the stored text.
    /// </summary>
    /// <param name="texts">The exchange's texts, each with the target path its findings name; spans index these texts.</param>
    /// <param name="verdict">The exchange's final verdict.</param>
    /// <param name="mode">The policy's audit text mode.</param>
    public static IReadOnlyList<AuditedText> Apply(IEnumerable<AuditedText> texts, Verdict verdict, AuditTextMode mode)
    {
        if (mode == AuditTextMode.None) return [];
        if (mode == AuditTextMode.Full) return texts.ToList();
        var result = new List<AuditedText>();
        foreach (var text in texts)
        {
            List<TextSpan>? spans = null;
            foreach (var f in verdict.Findings)
            {
                if (f.Span is { } span && f.Target == text.Target && Masks(f, text.Text)) (spans ??= []).Add(span);
            }
            result.Add(spans is null ? text : text with { Text = Mask(text.Text, spans) });
        }
        return result;
    }

    /// <summary>
    /// The verdict as the audit trail stores it: as sent, but with each finding's reviewer explanation and evidence
    /// (<see cref="Finding.ReviewExplanation"/>) restored, so the admin UI shows why a sentence was blocked, n-grams
    /// included, although the client was not told. Under <see cref="AuditTextMode.None"/> the store keeps no text, and
    /// the verdict stays as sent.
    /// </summary>
    public static Verdict ForReview(Verdict verdict, AuditTextMode mode)
    {
        if (mode == AuditTextMode.None || !verdict.Findings.Any(f => f.ReviewExplanation is not null || f.ReviewEvidence is not null)) return verdict;
        return verdict with
        {
            Findings = verdict.Findings.Select(f => f.ReviewExplanation is null && f.ReviewEvidence is null ? f : f with
            {
                Explanation = f.ReviewExplanation ?? f.Explanation,
                Evidence = f.ReviewEvidence ?? f.Evidence,
            }).ToList(),
        };
    }

    /// <summary>
    /// True when masked audit text overwrites <paramref name="finding"/>'s span: the finding withholds it (see
    /// <see cref="Withholds"/>), or it is personal data or a secret (category <c>pii</c>), which the store never keeps even
    /// where the policy only flags it, as the default policy does with a card number in a prompt.
    /// </summary>
    public static bool Masks(Finding finding, string text) =>
        Withholds(finding, text) || string.Equals(finding.Category, Rule.PersonalDataCategory, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when <paramref name="finding"/> keeps its span's text from the client: its action is redact or block, or its
    /// verdict text is not the span's text (a redaction that observe streaming downgraded to flag still carries the mask).
    /// </summary>
    public static bool Withholds(Finding finding, string text)
    {
        if (finding.Action is Decision.Redact or Decision.Block) return true;
        if (finding is not { Span: { } s, Text: { } shown }) return false;
        return s.Start >= 0 && s.End <= text.Length && s.Length > 0 && !text.AsSpan(s.Start, s.Length).SequenceEqual(shown);
    }

    /// <summary><paramref name="text"/> with every span (clamped to the text) overwritten by <see cref="MaskChar"/>, same length.</summary>
    public static string Mask(string text, IEnumerable<TextSpan> spans)
    {
        char[]? chars = null;
        foreach (var span in spans)
        {
            var start = Math.Clamp(span.Start, 0, text.Length);
            var end = Math.Clamp(span.End, 0, text.Length);
            if (end <= start) continue;
            chars ??= text.ToCharArray();
            chars.AsSpan(start, end - start).Fill(MaskChar);
        }
        return chars is null ? text : new string(chars);
    }
}
