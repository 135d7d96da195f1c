using Guardrail.Pii;

namespace Guardrail.Core.Tests.Pii;

public class ValidatorTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("5555555555554444", true)]
    [InlineData("378282246310005", true)]
    [InlineData("6011111111111117", true)]
    [InlineData("79927398713", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398710", false)]
    [InlineData("1", false)]
    [InlineData("41111111a1111111", false)]
    public void Luhn_IsValid_KnownValues(string digits, bool expected) => Assert.Equal(expected, Luhn.IsValid(digits));

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("FR1420041010050500013M02606", true)]
    [InlineData("NL91ABNA0417164300", true)]
    [InlineData("BE68539007547034", true)]
    [InlineData("CH9300762011623852957", true)]
    [InlineData("IT60X0542811101000000123456", true)]
    [InlineData("NO9386011117947", true)]
    [InlineData("DE89370400440532013001", false)] // mod-97 fails
    [InlineData("DE8937040044053201300", false)] // too short for DE
    [InlineData("ZZ89370400440532013000", false)] // unknown country
    [InlineData("GB82WEST1234569876543", false)]
    public void Iban_IsValid_KnownValues(string iban, bool expected) => Assert.Equal(expected, Iban.IsValid(iban));

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("11010519491231002x", true)]
    [InlineData("440308199901011234", true)]
    [InlineData("310115200002290013", true)] // 29 Feb 2000 is a real date
    [InlineData("110105194912310021", false)] // wrong check character
    [InlineData("110105194902300020", false)] // 30 Feb, although the checksum is right
    [InlineData("110101209901010017", false)] // born in the future
    [InlineData("11010519491231002", false)] // 17 characters
    public void ChineseId_IsValid_KnownValues(string id, bool expected) => Assert.Equal(expected, ChineseId.IsValid(id));

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaa", 0.0, 0.0)]
    [InlineData("abababababababab", 1.0, 1.0)]
    [InlineData("abcdefghijklmnop", 4.0, 4.0)]
    [InlineData("", 0.0, 0.0)]
    public void Entropy_BitsPerChar_KnownValues(string value, double min, double max)
    {
        var h = Entropy.BitsPerChar(value);
        Assert.InRange(h, min - 1e-9, max + 1e-9);
    }
}
