namespace Guardrail.Pii;

/// <summary>Issuer identification (IIN) prefixes and lengths of the major card networks.</summary>
internal static class CardBrands
{
    /// <summary>The brand of a card number (ASCII digits), or null when no known network issues that prefix and length.</summary>
    public static string? Identify(ReadOnlySpan<char> d)
    {
        var len = d.Length;
        var p2 = Prefix(d, 2);
        var p3 = Prefix(d, 3);
        var p4 = Prefix(d, 4);
        if (d[0] == '4') return len is 13 or 16 or 19 ? "Visa" : null;
        if (p2 is 34 or 37) return len == 15 ? "American Express" : null;
        if (p2 is >= 51 and <= 55 || p4 is >= 2221 and <= 2720) return len == 16 ? "Mastercard" : null;
        if (p4 == 6011 || p2 == 65 || p3 is >= 644 and <= 649) return len is >= 16 and <= 19 ? "Discover" : null;
        if (p2 == 62) return len is >= 16 and <= 19 ? "UnionPay" : null;
        if (p4 is >= 3528 and <= 3589) return len is >= 16 and <= 19 ? "JCB" : null;
        if (p2 is 36 or 38 || p3 is >= 300 and <= 305) return len is >= 14 and <= 19 ? "Diners Club" : null;
        return null;
    }

    private static int Prefix(ReadOnlySpan<char> d, int n)
    {
        var v = 0;
        for (var i = 0; i < n; i++) v = v * 10 + (d[i] - '0');
        return v;
    }
}
