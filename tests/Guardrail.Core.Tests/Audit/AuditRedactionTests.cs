using Guardrail.Audit;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Audit;

public sealed class AuditRedactionTests
{
    private const string Prompt = "Mail jane@example.com or call 555-0100.";
    private const string Answer = "Sure, jane@example.com it is.";
    private static readonly AuditedText[] Texts =
    [
        new("request.messages[0]", Prompt),
        new("response.choices[0].message", Answer),
    ];

    private static Finding Finding(string target, int start, int end, Decision action, string? text = null, string category = "pii") => new()
    {
        Rule = category == "pii" ? "pii.email" : $"{category}.test",
        Category = category,
        Target = target,
        Action = action,
        Span = new TextSpan(start, end),
        Text = text,
        Explanation = "An email address.",
    };

    private static Verdict VerdictOf(params Finding[] findings) => new() { Id = "gr_1", Policy = "p@1", Findings = findings };

    [Fact]
    public void Apply_MaskedRedactFinding_SpanOverwrittenSameLength()
    {
        var verdict = VerdictOf(Finding("request.messages[0]", 5, 21, Decision.Redact, "[EMAIL]"));

        var stored = AuditRedaction.Apply(Texts, verdict, AuditTextMode.Masked);

        Assert.Equal("Mail ████████████████ or call 555-0100.", stored[0].Text);
        Assert.Equal(Prompt.Length, stored[0].Text.Length);
        Assert.Equal(Answer, stored[1].Text);
    }

    [Fact]
    public void Apply_MaskedBlockFindingOnAnswer_OnlyThatTargetMasked()
    {
        var verdict = VerdictOf(Finding("response.choices[0].message", 6, 22, Decision.Block));

        var stored = AuditRedaction.Apply(Texts, verdict, AuditTextMode.Masked);

        Assert.Equal(Prompt, stored[0].Text);
        Assert.Equal("Sure, ████████████████ it is.", stored[1].Text);
    }

    [Fact]
    public void Apply_MaskedFlagShowingItsText_Kept()
    {
        // A flag outside category pii (here a made-up keyword rule on the address) withholds nothing: a reviewer reads it.
        var verdict = VerdictOf(Finding("request.messages[0]", 5, 21, Decision.Flag, "jane@example.com", category: "keywords"));

        Assert.Equal(Prompt, AuditRedaction.Apply(Texts, verdict, AuditTextMode.Masked)[0].Text);
    }

    [Theory]
    [InlineData("jane@example.com")]
    [InlineData("[EMAIL]")]
    [InlineData(null)]
    public void Apply_MaskedFlaggedPiiInPrompt_MaskedWhateverTheVerdictShows(string? shown)
    {
        // The default policy flags personal data in prompts (forwarded as sent); the store still never keeps it.
        var verdict = VerdictOf(Finding("request.messages[0]", 5, 21, Decision.Flag, shown));

        var stored = AuditRedaction.Apply(Texts, verdict, AuditTextMode.Masked);

        Assert.Equal("Mail ████████████████ or call 555-0100.", stored[0].Text);
        Assert.Equal(Answer, stored[1].Text);
    }

    [Fact]
    public void Apply_FullWithFlaggedPii_TextsUnchanged()
    {
        var verdict = VerdictOf(Finding("request.messages[0]", 5, 21, Decision.Flag, "[EMAIL]"));

        Assert.Equal(Texts, AuditRedaction.Apply(Texts, verdict, AuditTextMode.Full));
    }

    [Fact]
    public void Apply_MaskedFlagWithheldInVerdict_Masked()
    {
        // Observe streaming turns a redaction into a flag, but the verdict still withholds the text: so does the store.
        var verdict = VerdictOf(Finding("request.messages[0]", 5, 21, Decision.Flag, "[EMAIL]"));

        Assert.Equal("Mail ████████████████ or call 555-0100.", AuditRedaction.Apply(Texts, verdict, AuditTextMode.Masked)[0].Text);
    }

    [Fact]
    public void Apply_MaskedSpanPastEnd_ClampedNoThrow()
    {
        var verdict = VerdictOf(Finding("response.choices[0].message", 23, 500, Decision.Redact));

        Assert.Equal("Sure, jane@example.com ██████", AuditRedaction.Apply(Texts, verdict, AuditTextMode.Masked)[1].Text);
    }

    [Fact]
    public void Apply_Full_TextsUnchanged()
    {
        var verdict = VerdictOf(Finding("request.messages[0]", 5, 21, Decision.Redact, "[EMAIL]"));

        Assert.Equal(Texts, AuditRedaction.Apply(Texts, verdict, AuditTextMode.Full));
    }

    [Fact]
    public void Apply_None_NoTexts()
    {
        Assert.Empty(AuditRedaction.Apply(Texts, VerdictOf(), AuditTextMode.None));
    }

    [Fact]
    public void Mask_OverlappingSpans_UnionMasked()
    {
        Assert.Equal("a████f", AuditRedaction.Mask("abcdef", [new TextSpan(1, 3), new TextSpan(2, 5)]));
    }

    [Theory]
    [InlineData(AuditTextMode.Masked)]
    [InlineData(AuditTextMode.Full)]
    public void ForReview_TrimmedFinding_ReviewerExplanationAndEvidenceRestored(AuditTextMode mode)
    {
        var trimmed = Finding("response.choices[0].message", 0, 4, Decision.Block, category: "toxicity") with
        {
            Explanation = "Scores 0.95.",
            Evidence = new System.Text.Json.Nodes.JsonObject { ["probability"] = 0.95 },
            ReviewExplanation = "Scores 0.95; most weight from \"idiot\".",
            ReviewEvidence = new System.Text.Json.Nodes.JsonObject { ["probability"] = 0.95, ["ngrams"] = "idiot" },
        };
        var untouched = Finding("response.choices[0].message", 6, 8, Decision.Flag);

        var stored = AuditRedaction.ForReview(VerdictOf(trimmed, untouched), mode);

        Assert.Equal("Scores 0.95; most weight from \"idiot\".", stored.Findings[0].Explanation);
        Assert.Equal("idiot", stored.Findings[0].Evidence!["ngrams"]!.GetValue<string>());
        Assert.Same(untouched, stored.Findings[1]);
    }

    [Fact]
    public void ForReview_AuditTextNone_VerdictAsSent()
    {
        var verdict = VerdictOf(Finding("response.choices[0].message", 0, 4, Decision.Block, category: "toxicity") with { ReviewExplanation = "idiot" });

        Assert.Same(verdict, AuditRedaction.ForReview(verdict, AuditTextMode.None));
    }

    [Fact]
    public void ForReview_ReviewFields_NeverSerialisedWithTheVerdict()
    {
        var verdict = VerdictOf(Finding("response.choices[0].message", 0, 4, Decision.Block, category: "toxicity") with { ReviewExplanation = "secret-words" });

        Assert.DoesNotContain("secret-words", System.Text.Json.JsonSerializer.Serialize(verdict));
    }
}
