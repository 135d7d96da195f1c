using Guardrail.Pii;
using static Guardrail.Core.Tests.Pii.PiiTestHelpers;

namespace Guardrail.Core.Tests.Pii;

public class PiiDetectorNumberTests
{
    [Theory]
    [InlineData("Call +14155552671 today.", "+14155552671")]
    [InlineData("London office: +44 20 7946 0958.", "+44 20 7946 0958")]
    [InlineData("London office: +44 (0)20 7946 0958", "+44 (0)20 7946 0958")]
    [InlineData("北京：+86 138 0013 8000", "+86 138 0013 8000")]
    [InlineData("Call (415) 555-2671 now", "(415) 555-2671")]
    [InlineData("Call +1 (415) 555-2671 now", "+1 (415) 555-2671")]
    [InlineData("Call 415-555-2671 now", "415-555-2671")]
    [InlineData("Call 415.555.2671 now", "415.555.2671")]
    [InlineData("Call 1-800-555-2671 now", "1-800-555-2671")]
    [InlineData("UK: 020 7946 0958", "020 7946 0958")]
    [InlineData("Mobile 07700 900123.", "07700 900123")]
    [InlineData("Berlin 030 12345678", "030 12345678")]
    [InlineData("Paris 01 23 45 67 89", "01 23 45 67 89")]
    [InlineData("手机13800138000联系", "13800138000")]
    [InlineData("手机 138-0013-8000", "138-0013-8000")]
    public void Detect_PhoneNumber_ReportsPhone(string text, string expected) => AssertSingle(text, PiiKinds.Phone, expected);

    [Theory]
    [InlineData("Order 1234567 has shipped.")]
    [InlineData("It happened in 1999 and again in 2024.")]
    [InlineData("Released on 2024-01-15 at 10:30.")]
    [InlineData("Upgrade from 1.2.3 to 10.20.30.40.50.")]
    [InlineData("The price is $1,234.56 or 1,000,000 yen.")]
    [InlineData("ISBN 978-3-16-148410-0")]
    [InlineData("Pi is 3.14159265358979.")]
    [InlineData("Dated 12/05/2023, ticket 123456789012.")]
    [InlineData("Numbers 123 456 7890 are not a US phone (area code starts with 1).")]
    [InlineData("Scored +5 points, then +15%.")]
    public void Detect_PhoneLookalike_ReportsNothing(string text) => Assert.Empty(Detect(text));

    [Theory]
    [InlineData("Card 4111 1111 1111 1111 expires.", "4111 1111 1111 1111", "Visa")]
    [InlineData("Card 4111-1111-1111-1111.", "4111-1111-1111-1111", "Visa")]
    [InlineData("Card 4111111111111111", "4111111111111111", "Visa")]
    [InlineData("Amex 3782 822463 10005", "3782 822463 10005", "American Express")]
    [InlineData("MC 5555555555554444", "5555555555554444", "Mastercard")]
    [InlineData("MC 2223003122003222", "2223003122003222", "Mastercard")]
    [InlineData("Discover 6011111111111117", "6011111111111117", "Discover")]
    [InlineData("JCB 3530111333300000", "3530111333300000", "JCB")]
    [InlineData("银联卡 6200000000000005", "6200000000000005", "UnionPay")]
    [InlineData("Diners 36227206271667", "36227206271667", "Diners Club")]
    [InlineData("Diners 30569309025904", "30569309025904", "Diners Club")]
    public void Detect_CardNumber_ReportsBrandWithoutNumber(string text, string expected, string brand)
    {
        var signal = AssertSingle(text, PiiKinds.CreditCard, expected);
        Assert.Equal(1.0, signal.Score);
        Assert.Equal(brand, (string?)signal.Evidence!["brand"]);
        Assert.Equal("luhn", (string?)signal.Evidence["validator"]);
        Assert.DoesNotContain(expected.Replace(" ", "").Replace("-", ""), signal.Evidence.ToJsonString());
        Assert.Equal($"Payment card number ({brand}) passing the Luhn check.", signal.Explanation);
        Assert.Empty(Detect(text).OfKind(PiiKinds.Phone));
    }

    [Theory]
    [InlineData("Card 4111 1111 1111 1112")] // Luhn fails
    [InlineData("Card 1234 5678 9012 3456")] // no known issuer
    [InlineData("Card 4111 11 1111 111111")] // not card grouping
    [InlineData("Account 79927398713")] // Luhn-valid but too short
    [InlineData("Visa-like 411111111111111111")] // 18 digits is not a Visa length
    public void Detect_InvalidCardNumber_ReportsNoCard(string text) => Assert.Empty(Detect(text).OfKind(PiiKinds.CreditCard));

    [Theory]
    [InlineData("Pay to GB82 WEST 1234 5698 7654 32 please.", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("IBAN: DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00")]
    [InlineData("IBAN: DE89370400440532013000.", "DE89370400440532013000")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606", "FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("Belgium BE68 5390 0754 7034 THANKS", "BE68 5390 0754 7034")]
    [InlineData("NL91ABNA0417164300", "NL91ABNA0417164300")]
    public void Detect_Iban_ReportsIbanOnly(string text, string expected)
    {
        var signal = AssertSingle(text, PiiKinds.Iban, expected);
        Assert.Equal(1.0, signal.Score);
        Assert.Equal("mod97", (string?)signal.Evidence!["validator"]);
        Assert.Single(Detect(text));
    }

    [Theory]
    [InlineData("IBAN: DE89 3704 0044 0532 0130 01")] // check digits wrong
    [InlineData("IBAN: DE89 3704 0044 0532 0130")] // too short for DE
    [InlineData("Model XY12 3456 7890 1234 56")] // unknown country
    public void Detect_InvalidIban_ReportsNothing(string text) => Assert.Empty(Detect(text));

    [Theory]
    [InlineData("SSN 078-05-1120.", "078-05-1120")]
    [InlineData("SSN: 123 45 6789", "123 45 6789")]
    [InlineData("ssn=219-09-9999", "219-09-9999")]
    public void Detect_Ssn_ReportsSsn(string text, string expected) => Assert.Equal(0.9, AssertSingle(text, PiiKinds.Ssn, expected).Score);

    [Theory]
    [InlineData("SSN 000-12-3456")]
    [InlineData("SSN 666-12-3456")]
    [InlineData("SSN 900-12-3456")]
    [InlineData("SSN 123-00-4567")]
    [InlineData("SSN 123-45-0000")]
    [InlineData("SSN 123456789")]
    [InlineData("SSN 123-45 6789")]
    [InlineData("Part 123-45-6789-01")]
    public void Detect_SsnLookalike_ReportsNoSsn(string text) => Assert.Empty(Detect(text).OfKind(PiiKinds.Ssn));

    [Theory]
    [InlineData("身份证号：11010519491231002X。", "11010519491231002X")]
    [InlineData("ID 440308199901011234", "440308199901011234")]
    public void Detect_ChineseId_ReportsCnId(string text, string expected)
    {
        Assert.Equal(1.0, AssertSingle(text, PiiKinds.ChineseId, expected).Score);
        Assert.Single(Detect(text));
    }

    [Theory]
    [InlineData("身份证号：110105194912310021")]
    [InlineData("身份证号：110105194902300020")]
    [InlineData("身份证号：110101209901010017")]
    public void Detect_InvalidChineseId_ReportsNothing(string text) => Assert.Empty(Detect(text));
}
