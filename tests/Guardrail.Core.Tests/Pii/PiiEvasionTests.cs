using Guardrail.Core.Tests.Text;
using Guardrail.Pii;
using static Guardrail.Core.Tests.Pii.PiiTestHelpers;

namespace Guardrail.Core.Tests.Pii;

/// <summary>
/// The evasion corpus for PII: every look-alike class (<see cref="Evasions"/>) applied to a value of every kind,
/// each caught with a span that covers exactly the evasive original characters.
/// </summary>
public class PiiEvasionTests
{
    // Kind, sentence with {} for the value, value.
    private static readonly (string Kind, string Template, string Value)[] Values =
    [
        (PiiKinds.Email, "Write to {} for details.", "jane.doe42@example.com"),
        (PiiKinds.Phone, "Call {} today.", "+1 415-555-2671"),
        (PiiKinds.Phone, "London office: {}.", "+44 20 7946 0958"),
        (PiiKinds.CreditCard, "Card {} expires.", "4111 1111 1111 1111"),
        (PiiKinds.CreditCard, "Card {} expires.", "5555-5555-5555-4444"),
        (PiiKinds.Iban, "Pay to {} please.", "GB82 WEST 1234 5698 7654 32"),
        (PiiKinds.Ssn, "SSN {} on file.", "078-05-1120"),
        (PiiKinds.Ssn, "SSN {} on file.", "219 09 9999"),
        (PiiKinds.ChineseId, "ID {} on file.", "11010519491231002X"),
        (PiiKinds.IPv4, "Resolve via {} first.", "203.0.113.7"),
        (PiiKinds.Secret, "AWS {} is live.", "AKIAIOSFODNN7EXAMPLE"),
        (PiiKinds.Secret, "key: {} rotated", "sk-proj-abc123DEF456ghi789JKL012mno345PQR"),
        (PiiKinds.Secret, "token {} leaked", "ghp_0123456789abcdefghijABCDEFGHIJ012345"),
    ];

    public static TheoryData<string, string, string, string> Corpus()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (kind, template, value) in Values)
        {
            foreach (var (name, evaded) in Evasions.Apply(value)) data.Add(kind, name, template.Replace("{}", evaded), evaded);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Detect_EvasiveValue_CaughtWithOriginalSpan(string kind, string evasion, string text, string evaded)
    {
        var signal = Detect(text).OfKind(kind).SingleOrDefault();

        Assert.True(signal is not null, $"{evasion}: no {kind} in \"{text}\"");
        Assert.Equal(evaded, SpanText(text, signal));
    }

    [Fact]
    public void Corpus_EveryKind_HasSeveralClasses()
    {
        var classes = Corpus().Select(row => ((string)row[0], (string)row[1])).Distinct().GroupBy(r => r.Item1);
        Assert.Equal(PiiKinds.All.Count, classes.Count());
        Assert.All(classes, g => Assert.True(g.Count() >= 6, $"{g.Key}: {g.Count()} classes"));
    }

    [Theory]
    [InlineData("Card 4111.1111.1111.1111 expires.", PiiKinds.CreditCard, "4111.1111.1111.1111")]
    [InlineData("Amex 3782.822463.10005 on file", PiiKinds.CreditCard, "3782.822463.10005")]
    [InlineData("SSN 078.05.1120 on file.", PiiKinds.Ssn, "078.05.1120")]
    [InlineData("SSN ٠٧٨.٠٥.١١٢٠ on file.", PiiKinds.Ssn, "٠٧٨.٠٥.١١٢٠")]
    [InlineData("电话，13800138000，谢谢", PiiKinds.Phone, "13800138000")]         // full-width comma folds to ','
    [InlineData("卡号，4111111111111111。", PiiKinds.CreditCard, "4111111111111111")]
    [InlineData("Call me\u2014+44 20 7946 0958", PiiKinds.Phone, "+44 20 7946 0958")] // an em dash is punctuation, not a sign
    [InlineData("Card\u20144111 1111 1111 1111 expires", PiiKinds.CreditCard, "4111 1111 1111 1111")]
    [InlineData("Call 1️⃣4️⃣1️⃣5️⃣5️⃣5️⃣5️⃣2️⃣6️⃣7️⃣1️⃣ now", PiiKinds.Phone, "1️⃣4️⃣1️⃣5️⃣5️⃣5️⃣5️⃣2️⃣6️⃣7️⃣1️⃣")]
    public void Detect_DottedOrFoldedNumber_CaughtWithOriginalSpan(string text, string kind, string expected) =>
        AssertSingle(text, kind, expected);

    [Theory]
    [InlineData("Version 4.1.1.1 and build 2024.11.11.1111 shipped.")]
    [InlineData("Upgrade from 1.2.3 to 10.20.30.40.50.")]
    [InlineData("Release v4111.1111.1111.1111 is out")]
    [InlineData("Section 123.45.67890 applies.")]
    [InlineData("Pi is 3.14159265358979323 roughly.")]
    [InlineData("The total was 1,234,567,890 yen, or 1.234.567.890 in Germany.")]
    [InlineData("Ты полный идиот, и все это знают.")]
    [InlineData("Το τηλέφωνο είναι κλειστό σήμερα.")]
    [InlineData("巴黎是法国的首都，它很美。")]
    [InlineData("读书——很好，2019——2021年。")]
    public void Detect_NumbersWithDotsAndForeignProse_ReportsNoCardSsnOrPhone(string text) =>
        Assert.DoesNotContain(Detect(text), s => s.Kind is PiiKinds.CreditCard or PiiKinds.Ssn or PiiKinds.Phone or PiiKinds.Email);
}
