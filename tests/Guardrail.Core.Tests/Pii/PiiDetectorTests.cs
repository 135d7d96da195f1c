using System.Text;
using Guardrail.Pii;
using static Guardrail.Core.Tests.Pii.PiiTestHelpers;

namespace Guardrail.Core.Tests.Pii;

public class PiiDetectorTests
{
    private const string Prose =
        "Guardrail sits in front of the model and checks every answer before it reaches the user. " +
        "In 2024 the team shipped version 3.2 with 15 new rules, 4 detectors and about 1,200 tests; " +
        "latency stayed under 2 ms at the 99th percentile. Contact the on-call engineer via the usual channel. ";

    [Fact]
    public void Name_Always_IsPii() => Assert.Equal("pii", new PiiDetector().Name);

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    [InlineData("Nothing personal here.")]
    public void Detect_TextWithoutPii_ReturnsEmpty(string text) => Assert.Empty(Detect(text));

    [Fact]
    public void Detect_SeveralKinds_ReturnsOrderedSpans()
    {
        const string text = "Mail jane@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111, host 8.8.8.8.";
        var signals = Detect(text);
        Assert.Equal([PiiKinds.Email, PiiKinds.Phone, PiiKinds.CreditCard, PiiKinds.IPv4], signals.Select(s => s.Kind));
        Assert.Equal(["jane@example.com", "+44 20 7946 0958", "4111 1111 1111 1111", "8.8.8.8"], signals.Select(s => SpanText(text, s)));
    }

    [Fact]
    public void Detect_OnlySomeKindsEnabled_ReportsOnlyThose()
    {
        var detector = new PiiDetector(new PiiOptions { Kinds = [PiiKinds.Email] });
        var signal = Assert.Single(Detect("jane@example.com +14155552671", detector));
        Assert.Equal(PiiKinds.Email, signal.Kind);
    }

    [Fact]
    public void Constructor_UnknownKind_ThrowsWithMessage()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PiiDetector(new PiiOptions { Kinds = ["passport"] }));
        Assert.Contains("passport", ex.Message);
    }

    [Fact]
    public void Detect_OneMegabyteInput_ReturnsPromptly()
    {
        var sb = new StringBuilder();
        while (sb.Length < 1_000_000) sb.Append(Prose).Append("a.b.c.d 1-2-3 aaaa@bbbb 1111 2222 3333 ");
        sb.Append("Finally write to jane@example.com.");
        var text = sb.ToString();
        // Speed is measured in bench/; here: the whole text is scanned and no regex times out.
        var signals = Detect(text);
        Assert.Equal("jane@example.com", SpanText(text, Assert.Single(signals)));
    }

    [Fact]
    public void Detect_PathologicalRuns_ReturnPromptly()
    {
        var text = new string('1', 200_000) + " " + string.Concat(Enumerable.Repeat("a.", 100_000)) + "@" +
            string.Concat(Enumerable.Repeat("+1 ", 50_000)) + string.Concat(Enumerable.Repeat("api_key=", 20_000));
        // A catastrophic-backtracking pattern would hit its match timeout and throw here.
        var ex = Record.Exception(() => Detect(text));
        Assert.Null(ex);
    }
}
