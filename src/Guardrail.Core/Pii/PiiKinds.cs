namespace Guardrail.Pii;

/// <summary>The signal kinds the <c>pii</c> detector reports; rule files refer to these strings.</summary>
public static class PiiKinds
{
    /// <summary>An email address.</summary>
    public const string Email = "email";

    /// <summary>A phone number in international (E.164-like) or a common national format.</summary>
    public const string Phone = "phone";

    /// <summary>A payment card number with a known issuer prefix that passes the Luhn check.</summary>
    public const string CreditCard = "credit-card";

    /// <summary>An international bank account number that passes the ISO 7064 mod-97 check.</summary>
    public const string Iban = "iban";

    /// <summary>A US social security number written with separators.</summary>
    public const string Ssn = "ssn";

    /// <summary>A Chinese resident identity card number that passes the ISO 7064 MOD 11-2 check.</summary>
    public const string ChineseId = "cn-id";

    /// <summary>An IPv4 address.</summary>
    public const string IPv4 = "ipv4";

    /// <summary>An API key, token, private key or high-entropy secret assignment.</summary>
    public const string Secret = "secret";

    /// <summary>Every kind, in the order the detector runs them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Email, Phone, CreditCard, Iban, Ssn, ChineseId, IPv4, Secret];
}
