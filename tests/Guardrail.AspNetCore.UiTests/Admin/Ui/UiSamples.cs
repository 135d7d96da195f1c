using Guardrail.Audit;
using Guardrail.Testing.Admin;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.UiTests.Admin.Ui;

/// <summary>Verdicts only the UI tests need.</summary>
public static class UiSamples
{
    /// <summary>Markup that would run script if the page ever parsed stored text as HTML.</summary>
    public const string HostileText = "Hi <img src=x id=pwned onerror=\"document.title='pwned'\"><script>document.title='pwned'</script> there";

    /// <summary>A flagged verdict whose stored text, finding text and explanation are hostile markup (route <c>hostile</c>, a day old).</summary>
    public static AuditRecord Hostile { get; } = Build();

    private static AuditRecord Build()
    {
        var time = AuditSamples.Newest.AddDays(-1);
        var start = HostileText.IndexOf("<img", StringComparison.Ordinal);
        var end = HostileText.IndexOf(" there", StringComparison.Ordinal);
        var verdict = new Verdict
        {
            Id = VerdictId.New(new Fixed(time)),
            Decision = Decision.Flag,
            Policy = "default@3f2a9c1",
            Findings =
            [
                new Finding
                {
                    Rule = "test.markup", Category = "<b>category</b>", Target = "request.messages[0]", Score = 0.7, Threshold = 0.5,
                    Action = Decision.Flag, Span = new TextSpan(start, end), Text = HostileText[start..end],
                    Explanation = "<img src=y onerror=\"document.title='pwned'\">",
                },
            ],
        };
        return new AuditRecord(time, "hostile", verdict, [new AuditedText("request.messages[0]", HostileText)], AuditTextMode.Full);
    }

    private sealed class Fixed(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
