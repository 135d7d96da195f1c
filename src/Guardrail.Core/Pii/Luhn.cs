namespace Guardrail.Pii;

/// <summary>The Luhn (mod 10) check used by payment card numbers.</summary>
public static class Luhn
{
    /// <summary>True when <paramref name="digits"/> (ASCII digits only, at least two) passes the Luhn check.</summary>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length < 2) return false;
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if ((uint)d > 9) return false;
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
