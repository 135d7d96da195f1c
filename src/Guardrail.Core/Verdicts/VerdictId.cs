
namespace Guardrail.Verdicts;

/// <summary>Creates ULID-style ids (<c>gr_</c> + 26 Crockford base-32 characters) that sort by time.</summary>
public static class VerdictId
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new id stamped with <paramref name="time"/>'s current instant.</summary>
    public static string New(TimeProvider time)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)(ms & 0xFF);
            ms >>= 8;
        }
        // Ids must be unique, not secret (reading a verdict by id takes the admin key): the shared PRNG, not a
        // system call per exchange, which cost the passthrough path about 1% of its time (bench/README.md).
        Random.Shared.NextBytes(bytes[6..]);
        return "gr_" + Encode(bytes);
    }

    /// <summary>
    /// True when <paramref name="value"/> has the shape <see cref="New"/> produces: <c>gr_</c> and 26 upper-case
    /// Crockford base-32 characters, the first at most <c>7</c> (128 bits).
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 29 || !value.StartsWith("gr_", StringComparison.Ordinal) || value[3] > '7') return false;
        foreach (var c in value.AsSpan(3))
        {
            if (!Alphabet.Contains(c)) return false;
        }
        return true;
    }

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        // 128 bits → 26 characters of 5 bits; the first carries the top 3 bits.
        var value = new UInt128(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }
}
